/**
 * `npm run create-admin -- --email you@example.com [--name "Ann Admin"] [--password-stdin] [--another]`
 * (or `node dist/create-admin.mjs …`): creates the installation's first admin. The password is
 * read from stdin with --password-stdin, asked for on a terminal (empty: generate one), or
 * generated, and then printed once. With --another it adds an admin when one exists already.
 */
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { getDatabase } from "../lib/db";
import { AppError, ValidationError } from "../lib/errors";
import { createFirstAdmin, needsFirstAdmin } from "../lib/services/users/create-first-admin";
import { createStaffUser } from "../lib/services/users/create-staff";
import { runCommand, startCommand } from "./command";

startCommand();
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string", default: "Administrator" },
    "password-stdin": { type: "boolean", default: false },
    another: { type: "boolean", default: false },
  },
});
if (!values.email) {
  console.error('Usage: npm run create-admin -- --email you@example.com [--name "Ann Admin"] [--password-stdin] [--another]');
  process.exit(2);
}

async function readPassword(): Promise<{ password: string; generated: boolean }> {
  const generate = () => ({ password: randomBytes(18).toString("base64url"), generated: true });
  if (values["password-stdin"]) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { password: Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, ""), generated: false };
  }
  if (!process.stdin.isTTY) return generate();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const typed = await rl.question("Password (at least 10 characters, hard to guess; empty to generate one): ");
  rl.close();
  return typed ? { password: typed, generated: false } : generate();
}

runCommand("create-admin", async () => {
  const { password, generated } = await readPassword();
  const { db } = await getDatabase();
  const ctx = { db, actor: { type: "system" } as const };
  const input = { email: values.email, name: values.name, password };
  try {
    const admin =
      values.another && !(await needsFirstAdmin(ctx))
        ? await createStaffUser({ ctx, input: { ...input, role: "admin" } })
        : await createFirstAdmin({ ctx, input });
    console.log(`Admin created: ${admin.email} (user #${admin.userId}). Sign in at /sign-in.`);
    if (generated) console.log(`Password (shown once, keep it now): ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const [field, messages] of Object.entries(error.fields)) console.error(`${field}: ${messages.join("; ")}`);
      return 1;
    }
    if (error instanceof AppError) {
      console.error(error.code === "conflict" ? `${error.message} (pass --another to add one more admin)` : error.message);
      return 1;
    }
    throw error;
  }
});
