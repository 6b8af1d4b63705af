import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { clients, users } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { signUp } from "@/lib/services/users/sign-up";
import { authenticate } from "@/lib/services/users/authenticate";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

describe("signUp", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: database.db, actor: { type: "anonymous" } };
  });
  afterAll(async () => database.close());

  const counts = async () => {
    const [u] = await database.db.select({ n: count() }).from(users);
    const [c] = await database.db.select({ n: count() }).from(clients);
    return { users: u!.n, clients: c!.n };
  };

  async function fieldErrors(input: unknown): Promise<Record<string, string[]>> {
    const error = await signUp({ ctx, input }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }

  it("creates one client and one client user with a bcrypt hash", async () => {
    const before = await counts();
    const result = await signUp({ ctx, input: { name: "Ada Lovelace", email: " Ada@Example.COM ", password: "correct horse battery" } });
    expect(await counts()).toEqual({ users: before.users + 1, clients: before.clients + 1 });
    const [user] = await database.db.select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", role: "client", clientId: result.clientId, disabled: false });
    expect(user!.passwordHash).not.toContain("correct horse battery");
    expect(user!.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
    const [client] = await database.db.select().from(clients).where(eq(clients.id, result.clientId));
    expect(client).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", balance: 0 });
    const signedIn = await authenticate({ ctx, input: { email: "ADA@example.com", password: "correct horse battery" } });
    expect(signedIn).toMatchObject({ id: result.userId, role: "client", clientId: result.clientId });
    expect(await authenticate({ ctx, input: { email: "ada@example.com", password: "wrong password!" } })).toBeNull();
  });

  it("refuses a malformed email and a short password, writing nothing", async () => {
    const before = await counts();
    expect(Object.keys(await fieldErrors({ name: "Bob", email: "not-an-email", password: "long enough password" }))).toEqual(["email"]);
    expect(Object.keys(await fieldErrors({ name: "Bob", email: "bob@example.com", password: "short" }))).toEqual(["password"]);
    expect(Object.keys(await fieldErrors({ name: "B", email: "bob@", password: "x" })).sort()).toEqual(["email", "name", "password"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses an email registered in another case, writing nothing", async () => {
    await signUp({ ctx, input: { name: "Carol", email: "carol@example.com", password: "a long password" } });
    const before = await counts();
    const fields = await fieldErrors({ name: "Carol Two", email: "CAROL@Example.com", password: "another long password" });
    expect(Object.keys(fields)).toEqual(["email"]);
    expect(fields.email?.[0]).toMatch(/already registered/);
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two simultaneous sign-ups with the same email through", async () => {
    const before = await counts();
    const input = (email: string) => ({ name: "Erin", email, password: "a long password" });
    const results = await Promise.allSettled([signUp({ ctx, input: input("erin@example.com") }), signUp({ ctx, input: input("ERIN@example.com") })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failed] = results.filter((r) => r.status === "rejected");
    expect(failed!.reason).toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual({ users: before.users + 1, clients: before.clients + 1 });
  });

  it("refuses a disabled user at sign-in", async () => {
    const { userId } = await signUp({ ctx, input: { name: "Dave", email: "dave@example.com", password: "a long password" } });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, userId));
    expect(await authenticate({ ctx, input: { email: "dave@example.com", password: "a long password" } })).toBeNull();
  });
});
