import { eq } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox } from "../../db/schema";
import { decryptJson } from "../../crypto";
import { notFound } from "../../errors";
import { renderEmail } from "../../email/render";
import { isTemplateName } from "../../email/templates";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const emailIdInput = z.object({ emailId: z.coerce.number().int().positive() });

/** One email as the client gets it (html and text rendered from its template), with its delivery state. */
export async function getMail({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { emailId } = parseInput(emailIdInput, input);
  const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId));
  if (!row) throw notFound("Email not found");
  const { props, leaseUntil: _l, ...email } = row;
  let rendered: { html: string; text: string } | null = null;
  let renderError: string | null = null;
  try {
    if (!isTemplateName(row.template)) throw new Error(`unknown email template: ${row.template}`);
    rendered = await renderEmail(row.template, decryptJson(props) as never);
  } catch (error) {
    renderError = error instanceof Error ? error.message : String(error);
  }
  return { ...email, html: rendered?.html ?? null, text: rendered?.text ?? null, renderError };
}

export type MailDetail = Awaited<ReturnType<typeof getMail>>;
