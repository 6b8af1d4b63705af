import { createElement } from "react";
import { render } from "@react-email/render";
import { and, eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { emailTexts } from "../../db/schema/email-texts";
import type { RenderedEmail } from "../render";
import { CustomBody } from "./custom-body";
import { fillText } from "./variables";

export type EmailText = { subject: string | null; body: string | null };

/** The provider's text for a template in a language, or null to keep the built-in one. */
export async function loadEmailText(conn: Conn, template: string, locale?: string | null): Promise<EmailText | null> {
  const [row] = await conn
    .select({ subject: emailTexts.subject, body: emailTexts.body })
    .from(emailTexts)
    .where(and(eq(emailTexts.template, template), eq(emailTexts.locale, locale || "en")));
  return row && (row.subject || row.body) ? row : null;
}

/**
 * An email with the provider's subject and body put in place of the built-in ones (each only when
 * given), the variables filled in as text. The body is rendered in the same layout as every email.
 */
export async function applyEmailText(rendered: RenderedEmail, props: Record<string, unknown>, text: EmailText | null): Promise<RenderedEmail> {
  if (!text) return rendered;
  const subject = text.subject ? fillText(text.subject, props).replace(/\s+/g, " ").trim() || rendered.subject : rendered.subject;
  if (!text.body) return { ...rendered, subject };
  const element = createElement(CustomBody, { title: subject, body: fillText(text.body, props) });
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text: plain };
}
