import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emailTexts } from "../../db/schema/email-texts";
import { isTemplateName } from "../../email/templates";
import { emailVariables, unknownVariables } from "../../email/texts/variables";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

export const EMAIL_TEXT_LOCALES = ["en", "ru"] as const;

export const emailTextInput = z.object({
  template: z.string().refine(isTemplateName, "Not an email template"),
  locale: z.enum(EMAIL_TEXT_LOCALES).default("en"),
  /** Blank keeps the built-in subject. */
  subject: z.string().trim().max(300).default(""),
  /** Blank keeps the built-in body. */
  body: z.string().trim().max(20_000).default(""),
});

/** The provider's subject and body for a template in a language; both blank goes back to the built-in text. */
export function checkEmailText(input: unknown) {
  const data = parseInput(emailTextInput, input);
  if (/[\r\n]/.test(data.subject)) throw new ValidationError({ subject: ["A subject is one line"] });
  const allowed = emailVariables(data.template as never);
  const fields: Record<string, string[]> = {};
  for (const key of ["subject", "body"] as const) {
    const unknown = unknownVariables(data[key], allowed);
    if (unknown.length) fields[key] = [`This email has no ${unknown.map((u) => `{{${u}}}`).join(", ")}: use ${allowed.map((a) => `{{${a}}}`).join(", ")}`];
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return data;
}

export async function saveEmailText({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = checkEmailText(input);
  const key = and(eq(emailTexts.template, data.template), eq(emailTexts.locale, data.locale));
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(emailTexts).where(key);
    const fields = { subject: data.subject || null, body: data.body || null };
    if (!fields.subject && !fields.body) await tx.delete(emailTexts).where(key);
    else {
      const row = { ...fields, updatedByUserId: actorUserId(ctx.actor), updatedAt: now(ctx) };
      await tx.insert(emailTexts).values({ template: data.template, locale: data.locale, ...row }).onConflictDoUpdate({ target: [emailTexts.template, emailTexts.locale], set: row });
    }
    await audit(tx, ctx.actor, {
      action: "email_text.save",
      entity: "email_text",
      entityId: `${data.template}:${data.locale}`,
      before: before ? { subject: before.subject, body: before.body } : null,
      after: fields,
    });
    return { template: data.template, locale: data.locale, ...fields, builtIn: !fields.subject && !fields.body };
  });
}
