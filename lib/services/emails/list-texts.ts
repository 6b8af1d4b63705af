import { emailTexts } from "../../db/schema/email-texts";
import { renderEmail } from "../../email/render";
import { templateNames, templates } from "../../email/templates";
import { emailVariables } from "../../email/texts/variables";
import { requireAdmin, type Ctx } from "../context";

/** Every email template with its variables, built-in subject (with preview values) and the provider's texts per language. */
export async function listEmailTexts({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const rows = await ctx.db.select().from(emailTexts);
  return Promise.all(
    templateNames.map(async (template) => {
      const preview = templates[template].component.PreviewProps as never;
      const builtIn = await renderEmail(template, preview);
      return {
        template,
        variables: emailVariables(template),
        builtInSubject: builtIn.subject,
        builtInText: builtIn.text,
        texts: rows.filter((r) => r.template === template).map(({ locale, subject, body, updatedAt }) => ({ locale, subject, body, updatedAt })),
      };
    }),
  );
}

export type EmailTextView = Awaited<ReturnType<typeof listEmailTexts>>[number];
