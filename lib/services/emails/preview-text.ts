import { renderEmail } from "../../email/render";
import { templates, type TemplateName } from "../../email/templates";
import { applyEmailText } from "../../email/texts/apply";
import { requireAdmin, type Ctx } from "../context";
import { checkEmailText } from "./save-text";

/** A template rendered with its preview values and the texts being edited (not yet saved), as it would be sent. */
export async function previewEmailText({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = checkEmailText(input);
  const template = data.template as TemplateName;
  const props = templates[template].component.PreviewProps as Record<string, unknown>;
  const rendered = await renderEmail(template, props as never, data.locale);
  return applyEmailText(rendered, props, { subject: data.subject || null, body: data.body || null });
}
