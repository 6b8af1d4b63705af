import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { auditLog, emailOutbox, sessions, users } from "@/lib/db/schema";
import { createSession, readSession } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/services/context";
import { authenticate } from "@/lib/services/users/authenticate";
import { changePassword } from "@/lib/services/users/change-password";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { requestPasswordReset } from "@/lib/services/users/request-password-reset";
import { resetPassword } from "@/lib/services/users/reset-password";
import { setUserDisabled } from "@/lib/services/users/set-disabled";
import { latestLinkToken } from "../helpers/account-links";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createUser, sys } from "../helpers/factories";

describe("passwords and revocable sessions", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());
  const anonymous = (): Ctx => ({ db: database.db, actor: { type: "anonymous" } });
  const live = async (userId: number) => database.db.select().from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));

  it("changes the password when signed in and ends every other session of the user", async () => {
    const { user, actor } = await createUser(database.db, "client", { password: "old password 1234" });
    const here = await createSession(database.db, user.id);
    const elsewhere = await createSession(database.db, user.id);
    const ctx = { db: database.db, actor };
    await expect(changePassword({ ctx, input: { currentPassword: "not it", newPassword: "brand new sentence 77", keepSessionId: here } })).rejects.toMatchObject({ fields: { currentPassword: [expect.any(String)] } });
    await expect(changePassword({ ctx, input: { currentPassword: "old password 1234", newPassword: "1234567890", keepSessionId: here } })).rejects.toMatchObject({ fields: { newPassword: [expect.stringMatching(/too easy to guess/)] } });
    expect(await live(user.id)).toHaveLength(2);
    await changePassword({ ctx, input: { currentPassword: "old password 1234", newPassword: "brand new sentence 77", keepSessionId: here } });
    expect((await live(user.id)).map((s) => s.id)).toEqual([here]);
    expect(await readSession(database.db, elsewhere)).toBeNull();
    expect(await authenticate({ ctx: anonymous(), input: { email: user.email, password: "old password 1234" } })).toBeNull();
    expect(await authenticate({ ctx: anonymous(), input: { email: user.email, password: "brand new sentence 77" } })).toMatchObject({ id: user.id });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "user.change_password"))).toHaveLength(1);
  });

  it("resets a forgotten password with a link that works once, within one hour, and ends all sessions", async () => {
    const { user } = await createUser(database.db, "staff", { password: "forgotten one 1234" });
    const session = await createSession(database.db, user.id);
    const clock = testClock(new Date("2026-03-01T10:00:00Z"));
    const ctx: Ctx = { db: database.db, actor: { type: "anonymous" }, clock };
    const outboxBefore = await database.db.select().from(emailOutbox);
    await requestPasswordReset({ ctx, input: { email: "nobody-here@example.com" } });
    expect(await database.db.select().from(emailOutbox)).toEqual(outboxBefore);
    await requestPasswordReset({ ctx, input: { email: user.email.toUpperCase(), linkBase: "https://billing.example.com" } });
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(mail).toMatchObject({ template: "account-link", subject: "Choose a new password" });
    const token = (await latestLinkToken(database.db, user.email, "reset-password"))!;
    clock.advance(61 * 60);
    await expect(resetPassword({ ctx, input: { token, password: "a fresh long phrase 9" } })).rejects.toMatchObject({ code: "validation", message: expect.stringMatching(/expired or was already used/) });
    await requestPasswordReset({ ctx, input: { email: user.email } });
    const second = (await latestLinkToken(database.db, user.email, "reset-password"))!;
    expect(second).not.toBe(token);
    clock.advance(59 * 60);
    await resetPassword({ ctx, input: { token: second, password: "a fresh long phrase 9" } });
    await expect(resetPassword({ ctx, input: { token: second, password: "another fresh phrase 8" } })).rejects.toMatchObject({ code: "validation" });
    expect(await readSession(database.db, session)).toBeNull();
    expect(await authenticate({ ctx: anonymous(), input: { email: user.email, password: "a fresh long phrase 9" } })).toMatchObject({ id: user.id });
  });

  it("lets admins disable a staff or client user, which ends their sessions; others cannot", async () => {
    const { actor: admin } = await createUser(database.db, "admin");
    const { user: staff, actor: staffActor } = await createUser(database.db, "staff");
    const { user: client, actor: clientActor } = await createUser(database.db, "client");
    const staffSession = await createSession(database.db, staff.id);
    const clientSession = await createSession(database.db, client.id);
    for (const actor of [staffActor, clientActor, { type: "anonymous" } as const]) {
      await expect(setUserDisabled({ ctx: { db: database.db, actor }, input: { userId: client.id, disabled: true } })).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|unauthorized/) });
    }
    expect(await readSession(database.db, clientSession)).toMatchObject({ userId: client.id });
    const ctx = { db: database.db, actor: admin };
    expect(await setUserDisabled({ ctx, input: { userId: staff.id, disabled: "true" } })).toMatchObject({ disabled: true, sessionsEnded: 1 });
    expect(await setUserDisabled({ ctx, input: { userId: client.id, disabled: true } })).toMatchObject({ disabled: true, sessionsEnded: 1 });
    expect(await readSession(database.db, staffSession)).toBeNull();
    expect(await readSession(database.db, clientSession)).toBeNull();
    const [row] = await database.db.select().from(users).where(eq(users.id, client.id));
    expect(row!.disabled).toBe(true);
    await expect(setUserDisabled({ ctx, input: { userId: (admin as { userId: number }).userId, disabled: true } })).rejects.toMatchObject({ code: "conflict" });
    await setUserDisabled({ ctx, input: { userId: client.id, disabled: "false" } });
    expect(await authenticate({ ctx: anonymous(), input: { email: client.email, password: "password-123456" } })).toMatchObject({ id: client.id });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "user.disable"))).toHaveLength(2);
  });

  it("refuses a weak password for a new staff member", async () => {
    const error = await createStaffUser({ ctx: sys(database.db), input: { name: "Weak Staff", email: "weak-staff@example.com", password: "aaaaaaaaaa" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fields: { password: [expect.stringMatching(/too easy to guess/)] } });
  });
});
