import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, signInAttempts } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { authenticate } from "@/lib/services/users/authenticate";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock, type TestClock } from "../helpers/clock";
import { createUser } from "../helpers/factories";

describe("sign-in throttling", () => {
  let database: TestDatabase;
  let clock: TestClock;
  let ctx: Ctx;
  beforeAll(async () => {
    database = await createTestDatabase();
    clock = testClock(new Date("2026-03-01T10:00:00Z"));
    ctx = { db: database.db, actor: { type: "anonymous" }, clock };
  });
  afterAll(async () => database.close());

  const attempt = (email: string, password: string, ip = "192.0.2.1") => authenticate({ ctx, input: { email, password, ip } }).catch((e: unknown) => e);

  it("after three failures makes each try wait longer, then locks for minutes even for the right password", async () => {
    const { user } = await createUser(database.db, "client", { password: "right password 42" });
    for (let i = 0; i < 3; i++) expect(await attempt(user.email, "wrong")).toBeNull();
    // The fourth try at once is refused without looking at the password.
    expect(await attempt(user.email, "right password 42")).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/wait 1 second/) });
    const waits: number[] = [];
    for (let failures = 3; failures < 10; failures++) {
      const refused = (await attempt(user.email, "wrong")) as { details?: { retryAfterSeconds: number } };
      waits.push(refused.details!.retryAfterSeconds);
      clock.advance(refused.details!.retryAfterSeconds);
      expect(await attempt(user.email, "wrong")).toBeNull();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);
    const locked = await attempt(user.email, "right password 42");
    expect(locked).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/locked for 15 minutes, even with the right password/) });
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, "sign_in.locked"));
    expect(row).toMatchObject({ entity: "user", entityId: String(user.id), after: { counter: `account:${user.email}|192.0.2.1`, failures: 10 } });
    clock.advance(14 * 60);
    expect(await attempt(user.email, "right password 42")).toMatchObject({ code: "rate_limited" });
    clock.advance(60);
    expect(await attempt(user.email, "right password 42")).toMatchObject({ id: user.id });
    // A success forgets the account's failures, from this address and from all.
    expect(await database.db.select().from(signInAttempts).where(eq(signInAttempts.key, `account:${user.email}|192.0.2.1`))).toEqual([]);
    expect(await database.db.select().from(signInAttempts).where(eq(signInAttempts.key, `account:${user.email}`))).toEqual([]);
  });

  it("counts failures per address across accounts", async () => {
    clock.advance(3600);
    const ip = "198.51.100.99";
    for (let i = 0; i < 20; i++) expect(await attempt(`nobody${i}@example.com`, "guess", ip)).toBeNull();
    const { user } = await createUser(database.db, "client", { password: "right password 42" });
    expect(await attempt(user.email, "right password 42", ip)).toMatchObject({ code: "rate_limited" });
    expect(await attempt(user.email, "right password 42", "198.51.100.100")).toMatchObject({ id: user.id });
  });

  it("counts an unknown email like a known one, so the answers do not tell them apart", async () => {
    clock.advance(3600);
    for (let i = 0; i < 3; i++) expect(await attempt("ghost@example.com", "guess", "203.0.113.9")).toBeNull();
    expect(await attempt("ghost@example.com", "guess", "203.0.113.9")).toMatchObject({ code: "rate_limited" });
  });
});
