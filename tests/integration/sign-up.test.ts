import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { auditLog, clients, emailOutbox, users } from "@/lib/db/schema";
import { AppError, ValidationError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { signUp } from "@/lib/services/users/sign-up";
import { authenticate } from "@/lib/services/users/authenticate";
import { verifyEmail } from "@/lib/services/users/verify-email";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { latestLinkToken } from "../helpers/account-links";
import { createUser } from "../helpers/factories";

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
    const [m] = await database.db.select({ n: count() }).from(emailOutbox);
    return { users: u!.n, clients: c!.n, emails: m!.n };
  };

  async function fieldErrors(input: unknown): Promise<Record<string, string[]>> {
    const error = await signUp({ ctx, input }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }

  it("creates one client and one unverified user, and sends a verification link that lets them sign in", async () => {
    const before = await counts();
    const result = (await signUp({ ctx, input: { name: "Ada Lovelace", email: " Ada@Example.COM ", password: "correct horse battery", linkBase: "https://billing.example.com/" } }))!;
    expect(await counts()).toEqual({ users: before.users + 1, clients: before.clients + 1, emails: before.emails + 1 });
    const [user] = await database.db.select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", role: "client", clientId: result.clientId, disabled: false, emailVerified: false });
    expect(user!.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.clientId, result.clientId));
    expect(mail).toMatchObject({ to: "ada@example.com", template: "account-link", subject: "Confirm your email address" });
    // Unverified: the right password is refused with a clear word.
    const refused = await authenticate({ ctx, input: { email: "ada@example.com", password: "correct horse battery" } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "forbidden", message: expect.stringContaining("Confirm your email") });
    const token = await latestLinkToken(database.db, "ada@example.com", "verify-email");
    await verifyEmail({ ctx, input: { token } });
    await expect(verifyEmail({ ctx, input: { token } })).rejects.toMatchObject({ code: "validation" });
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

  it.each(["aaaaaaaaaa", "1234567890", "password123!", "qwertyuiop"])("refuses the weak password %s with a helpful message", async (password) => {
    const before = await counts();
    const fields = await fieldErrors({ name: "Weak", email: "weak@example.com", password });
    expect(fields.password?.[0]).toMatch(/too easy to guess/);
    expect(await counts()).toEqual(before);
  });

  it("answers the same for an email already registered (client, staff or admin) and changes nothing", async () => {
    await signUp({ ctx, input: { name: "Carol", email: "carol@example.com", password: "a long password" } });
    const { user: admin } = await createUser(database.db, "admin");
    for (const email of ["CAROL@Example.com", admin.email]) {
      const before = await counts();
      const answer = await signUp({ ctx, input: { name: "Carol Two", email, password: "another long password" } });
      expect(answer).toBeNull();
      expect(await counts()).toEqual(before);
    }
  });

  it("lets only one of two simultaneous sign-ups with the same email through, both answered alike", async () => {
    const before = await counts();
    const input = (email: string) => ({ name: "Erin", email, password: "a long password" });
    const results = await Promise.allSettled([signUp({ ctx, input: input("erin@example.com") }), signUp({ ctx, input: input("ERIN@example.com") })]);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(results.filter((r) => r.status === "fulfilled" && r.value !== null)).toHaveLength(1);
    expect(await counts()).toEqual({ users: before.users + 1, clients: before.clients + 1, emails: before.emails + 1 });
  });

  it("refuses a disabled user at sign-in", async () => {
    const { user } = await createUser(database.db, "client", { password: "a long password" });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await authenticate({ ctx, input: { email: user.email, password: "a long password" } })).toBeNull();
  });

  it("limits sign-ups per address: past the limit the next one waits, with a clear message and nothing written", async () => {
    const ip = "192.0.2.55";
    for (let i = 0; i < 5; i++) await signUp({ ctx, input: { name: `Many ${i}`, email: `many${i}@example.com`, password: "a long password", ip } });
    const before = await counts();
    const error = await signUp({ ctx, input: { name: "One more", email: "one-more@example.com", password: "a long password", ip } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/sign-ups from your network: wait \d+ seconds?/) });
    expect(await counts()).toEqual(before);
    // Another address is not held back.
    expect(await signUp({ ctx, input: { name: "Elsewhere", email: "elsewhere@example.com", password: "a long password", ip: "192.0.2.56" } })).not.toBeNull();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "sign_up"))).not.toHaveLength(0);
  });
});
