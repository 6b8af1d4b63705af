import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "@/lib/db/schema";
import { enqueueEmail } from "@/lib/email/enqueue";
import { serviceEmail } from "@/lib/email/service-emails";
import { getMail } from "@/lib/services/mail/get";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser } from "../helpers/factories";

describe("secrets in the Mail log are masked until an audited reveal", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("shows a welcome email's password and a one-time link masked in html and text, and reveals them with an audit row", async () => {
    const { actor: admin } = await createUser(database.db, "admin");
    const ctx = { db: database.db, actor: admin };
    const client = await createClient(database.db);
    const welcome = serviceEmail("welcome", { id: 5, productType: "hosting", tariffName: "Starter", details: { login: "u5", panel_url: "https://panel.test" }, secrets: { password: "pw-5-Secret!" }, params: { domain: "five.test" }, expiresAt: null });
    const mail = (await enqueueEmail(database.db, { dedupeKey: "welcome:mask:5", to: client.email, clientId: client.id, ...welcome }))!;
    const link = (await enqueueEmail(database.db, { dedupeKey: "reset:mask", to: client.email, template: "account-link", props: { purpose: "reset-password", name: "Ada", url: "https://billing.test/reset-password/TOKEN-abcdefghijklmnop" } }))!;
    for (const [id, secret] of [[mail.id, "pw-5-Secret!"], [link.id, "TOKEN-abcdefghijklmnop"]] as const) {
      const shown = await getMail({ ctx, input: { emailId: id } });
      expect(JSON.stringify(shown)).not.toContain(secret);
      expect(shown.text).toContain("••••••••");
      expect(shown.html).toContain("••••••••");
      expect(shown.revealed).toBe(false);
    }
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "mail.reveal"))).toEqual([]);
    const shown = await getMail({ ctx, input: { emailId: mail.id } });
    expect(shown.text).toContain("u5");
    const revealed = await getMail({ ctx, input: { emailId: mail.id, reveal: true } });
    expect(revealed.text).toContain("pw-5-Secret!");
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, "mail.reveal"));
    expect(row).toMatchObject({ actorUserId: (admin as { userId: number }).userId, entity: "email", entityId: String(mail.id) });
  });
});
