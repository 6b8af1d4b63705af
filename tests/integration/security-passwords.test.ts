import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { clients, users } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { createClient as createClientVerb } from "@/lib/services/clients/create";
import { createFirstAdmin, needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { createStaffUser } from "@/lib/services/users/create-staff";
import * as clientsRoute from "@/app/api/v1/clients/route";
import { runCreateClient } from "@/app/admin/clients/run";
import { runCreateStaff } from "@/app/admin/departments/run";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";
import { latestLinkToken } from "../helpers/account-links";
import { emailOutbox } from "@/lib/db/schema";
import { authenticate } from "@/lib/services/users/authenticate";
import { resetPassword } from "@/lib/services/users/reset-password";

const WEAK = ["1111111111", "aaaaaaaaaaaa"];
const STRONG = "violet harbor kettle 58";
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe("one password rule for every way an account is made", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let apiKey: string;
  const db = () => database.db;
  const usersWith = async (email: string) => db().select().from(users).where(sql`lower(${users.email}) = ${email}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    apiKey = await makeKey(db(), ["admin"]);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database.close();
  });

  it.each(WEAK)("the first admin (/setup, anonymous; create-admin, system) refuses %s and the first run stays open", async (password) => {
    for (const actor of [{ type: "anonymous" }, { type: "system" }] as const) {
      const error = await createFirstAdmin({ ctx: { db: db(), actor }, input: { name: "First Admin", email: "first@example.test", password } }).catch((e: unknown) => e);
      expect((error as ValidationError).fields.password?.[0]).toMatch(/too easy to guess/);
    }
    expect(await needsFirstAdmin({ db: db(), actor: { type: "anonymous" } })).toBe(true);
  });

  it("the first admin with a strong password is created", async () => {
    const made = await createFirstAdmin({ ctx: { db: db(), actor: { type: "system" } }, input: { name: "First Admin", email: "first@example.test", password: STRONG } });
    expect(made.email).toBe("first@example.test");
    const { actor } = await createUser(db(), "admin");
    admin = { db: db(), actor };
  });

  it.each(WEAK)("a client made by an admin on the admin page refuses %s, and no client or sign-in is made", async (password) => {
    const email = `page-${password}@example.test`;
    const state = await runCreateClient(admin, form({ name: "Page Client", email, password }));
    expect(state.fields?.password?.[0]).toMatch(/too easy to guess/);
    expect(await db().select().from(clients).where(eq(clients.email, email))).toHaveLength(0);
    expect(await usersWith(email)).toHaveLength(0);
  });

  it.each(WEAK)("a client made through POST /api/v1/clients refuses %s with a field error", async (password) => {
    const email = `api-${password}@example.test`;
    const answer = await call(clientsRoute.POST, "POST", "/clients", { key: apiKey, body: { name: "API Client", email, password } });
    expect(answer.status).toBe(400);
    expect((answer.json.error!.details as { fields: Record<string, string[]> }).fields.password?.[0]).toMatch(/too easy to guess/);
    expect(await db().select().from(clients).where(eq(clients.email, email))).toHaveLength(0);
  });

  it.each(WEAK)("a staff member or another admin refuses %s", async (password) => {
    const state = await runCreateStaff(admin, form({ name: "Sam Staff", email: "sam@example.test", password, role: "admin" }));
    expect(state.fields?.password?.[0]).toMatch(/too easy to guess/);
    const error = await createStaffUser({ ctx: admin, input: { name: "Sam Staff", email: "sam@example.test", password } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(await usersWith("sam@example.test")).toHaveLength(0);
  });

  it("a strong password passes every path, kept exactly as typed", async () => {
    expect((await runCreateClient(admin, form({ name: "Page Client", email: "page@example.test", password: ` ${STRONG}` }))).ok).toBe(true);
    const api = await call(clientsRoute.POST, "POST", "/clients", { key: apiKey, body: { name: "API Client", email: "api@example.test", password: STRONG } });
    expect(api.status).toBe(201);
    expect((await createClientVerb({ ctx: admin, input: { name: "No Sign-in", email: "none@example.test" } })).userId).toBeNull();
    expect((await runCreateStaff(admin, form({ name: "Sam Staff", email: "sam@example.test", password: STRONG }))).ok).toBe(true);
    const [page] = await usersWith("page@example.test");
    const { verifyPassword } = await import("@/lib/auth/password");
    expect(await verifyPassword(` ${STRONG}`, page!.passwordHash)).toBe(true);
  });

  it("a client or staff account made without a password gets an invitation to choose its own, by the same rule, once", async () => {
    const anon = { db: db(), actor: { type: "anonymous" } as const };
    const api = await call(clientsRoute.POST, "POST", "/clients", { key: apiKey, body: { name: "Invited Client", email: "invited@example.test", invite: true } });
    expect(api.status).toBe(201);
    const staff = await runCreateStaff(admin, form({ name: "Invited Staff", email: "staff-invited@example.test" }));
    expect(staff).toMatchObject({ ok: true, message: expect.stringContaining("was emailed a link") });
    for (const email of ["invited@example.test", "staff-invited@example.test"]) {
      const [user] = await usersWith(email);
      expect(await authenticate({ ctx: anon, input: { email, password: "" } }).catch(() => null)).toBeNull();
      const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, email));
      expect(mail).toMatchObject({ template: "account-link", subject: expect.stringContaining("Choose your password"), clientId: user!.clientId });
      const token = (await latestLinkToken(db(), email, "invitation"))!;
      const weak = await resetPassword({ ctx: anon, input: { token, password: "aaaaaaaaaaaa" } }).catch((e: unknown) => e);
      expect((weak as ValidationError).fields.password?.[0]).toMatch(/too easy to guess/);
      await resetPassword({ ctx: anon, input: { token, password: STRONG } });
      expect(await authenticate({ ctx: anon, input: { email, password: STRONG } })).toMatchObject({ id: user!.id });
      const again = await resetPassword({ ctx: anon, input: { token, password: `${STRONG} again` } }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ValidationError);
    }
    const plain = await createClientVerb({ ctx: admin, input: { name: "Quiet Client", email: "quiet@example.test" } });
    expect(plain).toMatchObject({ userId: null, invited: false });
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.to, "quiet@example.test"))).toHaveLength(0);
  });
});
