import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { encrypt, encryptJson } from "@/lib/crypto";
import { auditLog, emailOutbox, handlers, settings, webhookEndpoints } from "@/lib/db/schema";
import { deliverEmails, type EmailTransport } from "@/lib/email/deliver";
import { ServiceStatus } from "@/lib/email/templates/service-status";
import { installationId } from "@/lib/installation";
import { copyIdentity } from "@/lib/services/settings/copy-identity";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { makeHandler, sys } from "../helpers/factories";

/** A transport that records what it was asked to send: stands for Resend. */
function recording(): EmailTransport & { keys: string[] } {
  const keys: string[] = [];
  return { name: "resend", keys, send: async (email) => (keys.push(email.idempotencyKey), { providerId: "re_1" }) };
}

describe("a copy of the database gets its own identity", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await makeHandler(database.db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "admin", password: "Copy-Pass-1" } });
    await database.db.insert(webhookEndpoints).values({ url: "https://hooks.example.test/in", events: ["service.active"], secret: encrypt("whsec") });
  });
  afterAll(async () => database.close());

  // Due a second ago: the database's now() keeps microseconds, the clock passed to delivery only milliseconds.
  const queue = (key: string) =>
    database.db.insert(emailOutbox).values({ dedupeKey: key, to: "c@example.test", subject: "Hi", template: "service-status", props: encryptJson(ServiceStatus.PreviewProps), runAt: new Date(Date.now() - 1000) }).returning({ id: emailOutbox.id });

  it("a plain copy: a new installation id, so idempotency keys of the same outbox ids differ; email still leaves", async () => {
    // What the original installation had (read directly: a process keeps the id it read once).
    await database.db.insert(settings).values({ key: "installationId", value: "original0001" });
    const result = await copyIdentity({ ctx: sys(database.db), input: {} });
    expect(result).toMatchObject({ before: "original0001", outgoingEmailOff: false, handlersMadeManual: 0 });
    expect(result.after).toMatch(/^[0-9a-f-]{12}$/);
    expect(result.after).not.toBe("original0001");
    const [{ id }] = (await queue("copy:1")) as [{ id: number }];
    const resend = recording();
    expect(await deliverEmails(database.db, { transport: resend })).toMatchObject({ sent: 1 });
    expect(resend.keys).toEqual([`${result.after}:email:${id}`]);
    expect(await installationId(database.db)).toBe(result.after);
    expect((await database.db.select().from(handlers))[0]).toMatchObject({ enabled: true, module: "ispmanager" });
  });

  it("--staging: handlers disabled and manual, webhook endpoints off, emails stay in the local mailbox", async () => {
    const result = await copyIdentity({ ctx: sys(database.db), input: { staging: true } });
    expect(result).toMatchObject({ handlersMadeManual: 1, webhookEndpointsDisabled: 1, outgoingEmailOff: true });
    expect((await database.db.select().from(handlers)).map((h) => [h.enabled, h.module])).toEqual([[false, "manual"]]);
    expect((await database.db.select().from(webhookEndpoints)).map((w) => w.enabled)).toEqual([false]);
    const [{ id }] = (await queue("copy:2")) as [{ id: number }];
    const resend = recording();
    expect(await deliverEmails(database.db, { transport: resend })).toMatchObject({ sent: 1 });
    expect(resend.keys).toEqual([]);
    expect((await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]).toMatchObject({ status: "sent", transport: "local" });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entity, "settings"));
    expect(audits.map((a) => a.action)).toEqual(["installation.copy", "installation.copy_staging"]);
  });

  it("only the command line may do it", async () => {
    await expect(copyIdentity({ ctx: { db: database.db, actor: { type: "anonymous" } }, input: {} })).rejects.toMatchObject({ code: "forbidden" });
  });
});
