import { eq } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox } from "../../db/schema";
import { decryptJson } from "../../crypto";
import { notFound } from "../../errors";
import { maskEmailProps } from "../../email/mask";
import { attachmentNames, attachmentRefs } from "../../email/attachments";
import { renderWithText } from "../../email/texts/render-with-text";
import { isTemplateName } from "../../email/templates";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const emailIdInput = z.object({ emailId: z.coerce.number().int().positive().max(2_147_483_647) });
const getMailInput = emailIdInput.extend({ reveal: z.boolean().default(false) });

/**
 * One email as the client gets it (html and text rendered from its template), with its delivery
 * state. Secrets in it (service passwords, one-time links) are masked unless `reveal` is asked,
 * which writes an audit row.
 */
export async function getMail({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { emailId, reveal } = parseInput(getMailInput, input);
  const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId));
  if (!row) throw notFound("Email not found");
  const { props, leaseUntil: _l, ...email } = row;
  let rendered: { html: string; text: string } | null = null;
  let renderError: string | null = null;
  let attachments: string[] = [];
  try {
    if (!isTemplateName(row.template)) throw new Error(`unknown email template: ${row.template}`);
    const real = decryptJson(props) as never;
    rendered = await renderWithText(ctx.db, row.template, reveal ? real : maskEmailProps(row.template, real), row.locale);
    attachments = await attachmentNames(ctx.db, attachmentRefs(row.template, real));
  } catch (error) {
    renderError = error instanceof Error ? error.message : String(error);
  }
  if (reveal) await audit(ctx.db, ctx.actor, { action: "mail.reveal", entity: "email", entityId: row.id, after: { to: row.to, template: row.template } });
  return { ...email, revealed: reveal, html: rendered?.html ?? null, text: rendered?.text ?? null, renderError, attachments };
}

export type MailDetail = Awaited<ReturnType<typeof getMail>>;
