import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, emailOutbox, emailTexts } from "@/lib/db/schema";
import { deliverEmails, readMailbox, type OutgoingEmail } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/enqueue";
import type { Ctx } from "@/lib/services/context";
import { renderEmail } from "@/lib/email/render";
import { applyEmailText, loadEmailText } from "@/lib/email/texts/apply";
import { emailVariables, fillText } from "@/lib/email/texts/variables";
import { listEmailTexts } from "@/lib/services/emails/list-texts";
import { previewEmailText } from "@/lib/services/emails/preview-text";
import { saveEmailText } from "@/lib/services/emails/save-text";
import { runPreviewEmailText, runSaveEmailText } from "@/app/admin/emails/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
}

describe("email texts the provider can change", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: db(), actor: (await createUser(db(), "admin")).actor };
  });
  afterAll(() => database.close());

  it("lists every template with its variables and built-in subject", async () => {
    const list = await listEmailTexts({ ctx });
    const link = list.find((t) => t.template === "account-link")!;
    expect(link.variables).toEqual(["purpose", "name", "url"]);
    expect(link.builtInSubject).toBe("Choose a new password");
    expect(link.texts).toEqual([]);
    expect(emailVariables("welcome-hosting")).toEqual(expect.arrayContaining(["serviceId", "tariffName", "panelUrl", "login", "password", "domain"]));
  });

  it("refuses a variable the email does not have, and a subject of two lines, saving nothing", async () => {
    const state = await runSaveEmailText(ctx, form({ template: "account-link", subject: "Hi {{nmae}}", body: "" }));
    expect(state.fields?.subject?.[0]).toContain("This email has no {{nmae}}: use {{purpose}}, {{name}}, {{url}}");
    await expect(saveEmailText({ ctx, input: { template: "account-link", subject: "one\ntwo" } })).rejects.toMatchObject({ code: "validation" });
    await expect(saveEmailText({ ctx, input: { template: "no-such-email", subject: "x" } })).rejects.toMatchObject({ code: "validation" });
    expect(await db().select().from(emailTexts)).toEqual([]);
  });

  it("previews unsaved texts with the preview values, rendered in the emails' layout", async () => {
    const state = await runPreviewEmailText(ctx, form({ template: "account-link", subject: "Welcome aboard, {{name}}", body: "Dear {{name}},\n\nyour link:\n\n{{url}}" }));
    expect(state.preview?.subject).toBe("Welcome aboard, Ada");
    expect(state.preview?.html).toContain("Dear Ada,");
    expect(state.preview?.html).toContain('href="https://billing.example.com/reset-password/preview-token"');
    expect(state.preview?.html).toContain("Provisio");
    expect(await db().select().from(emailTexts)).toEqual([]);
  });

  it("saves per template and language, audited; emails use it; blank goes back to the built-in text", async () => {
    await saveEmailText({ ctx, input: { template: "account-link", locale: "en", subject: "Your link, {{name}}", body: "Hello {{name}}.\n\n{{url}}" } });
    expect(await loadEmailText(db(), "account-link", "ru")).toBeNull();
    const text = await loadEmailText(db(), "account-link", null);
    expect(text).toEqual({ subject: "Your link, {{name}}", body: "Hello {{name}}.\n\n{{url}}" });
    const props = { purpose: "invitation" as const, name: "Grace", url: "https://billing.example.test/reset-password/abc" };
    const sent = await applyEmailText(await renderEmail("account-link", props), props, text);
    expect(sent.subject).toBe("Your link, Grace");
    expect(sent.text).toContain("Hello Grace.");
    expect(sent.text).not.toContain("An account has been made for you");
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "email_text.save"), eq(auditLog.entityId, "account-link:en")));
    expect(row!.after).toEqual({ subject: "Your link, {{name}}", body: "Hello {{name}}.\n\n{{url}}" });

    // Only the subject: the built-in body stays.
    await saveEmailText({ ctx, input: { template: "account-link", subject: "Only the subject for {{name}}" } });
    const half = await applyEmailText(await renderEmail("account-link", props), props, await loadEmailText(db(), "account-link"));
    expect(half.subject).toBe("Only the subject for Grace");
    expect(half.text).toContain("An account has been made for you");

    const back = await saveEmailText({ ctx, input: { template: "account-link", subject: "", body: "  " } });
    expect(back.builtIn).toBe(true);
    expect(await loadEmailText(db(), "account-link")).toBeNull();
  });

  it("puts variables in as text, never as HTML", async () => {
    expect(fillText("Plan {{tariffName}}", { tariffName: "<b>Gold</b>" })).toBe("Plan <b>Gold</b>");
    const props = { serviceId: 7, tariffName: '<img src=x onerror="alert(1)">', details: [] };
    const text = { subject: "Ready: {{tariffName}}", body: "Your plan {{tariffName}} is ready." };
    const sent = await applyEmailText(await renderEmail("welcome-other", props), props, text);
    expect(sent.html).not.toContain("<img src=x");
    expect(sent.html).toContain("&lt;img src=x");
    const preview = await previewEmailText({ ctx, input: { template: "welcome-other", body: "<script>alert(1)</script> {{tariffName}}" } });
    expect(preview.html).not.toContain("<script>alert(1)</script>");
    expect(preview.html).toContain("&lt;script&gt;");
  });
});

describe("emails go out with the provider's text", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: db(), actor: (await createUser(db(), "admin")).actor };
  });
  afterAll(() => database.close());

  it("delivery, the mail log and the mailbox use the saved subject and body; another language keeps the built-in text", async () => {
    await saveEmailText({ ctx, input: { template: "account-link", subject: "Your link, {{name}}", body: "Hello {{name}}.\n\n{{url}}" } });
    const url = "https://billing.example.test/reset-password/tok-1";
    const queued = await enqueueEmail(db(), { dedupeKey: "texts:1", to: "grace@example.test", template: "account-link", props: { purpose: "invitation", name: "Grace", url }, runAt: new Date(Date.now() - 1000) });
    const sent: OutgoingEmail[] = [];
    await deliverEmails(db(), { transport: { name: "local", send: async (e) => (sent.push(e), { providerId: null }) } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: "Your link, Grace" });
    expect(sent[0]!.text).toContain("Hello Grace.");
    expect(sent[0]!.html).toContain(`href="${url}"`);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row).toMatchObject({ status: "sent", subject: "Your link, Grace" });
    const [boxed] = await readMailbox(db(), { to: "grace@example.test" });
    expect(boxed!.subject).toBe("Your link, Grace");

    const ru = await enqueueEmail(db(), { dedupeKey: "texts:2", to: "ivan@example.test", locale: "ru", template: "account-link", props: { purpose: "invitation", name: "Ivan", url }, runAt: new Date(Date.now() - 1000) });
    await deliverEmails(db(), { transport: { name: "local", send: async (e) => (sent.push(e), { providerId: null }) } });
    expect(ru).not.toBeNull();
    expect(sent[1]!.subject).not.toContain("Your link");
  });
});
