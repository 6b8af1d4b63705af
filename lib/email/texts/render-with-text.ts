import type { Conn } from "../../db";
import type { Locale } from "../../i18n/locales";
import { renderEmail, type RenderedEmail } from "../render";
import type { TemplateName, TemplateProps } from "../templates";
import { applyEmailText, loadEmailText } from "./apply";

/** An email as it is sent: the template in the recipient's language, with the provider's own subject and body where set. */
export async function renderWithText<T extends TemplateName>(conn: Conn, template: T, props: TemplateProps[T], locale?: Locale | string | null): Promise<RenderedEmail> {
  const rendered = await renderEmail(template, props, locale);
  return applyEmailText(rendered, props as Record<string, unknown>, await loadEmailText(conn, template, locale));
}
