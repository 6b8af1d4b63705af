import { createElement, type FunctionComponent } from "react";
import { render } from "@react-email/render";
import type { Locale } from "../i18n/locales";
import { localeOr } from "../i18n/translator";
import { localizedSubject } from "./subject";
import { templates, type TemplateName, type TemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

/** An email in the recipient's language: a stored locale, or the default for rows without one. */
export async function renderEmail<T extends TemplateName>(template: T, props: TemplateProps[T], locale?: Locale | string | null): Promise<RenderedEmail> {
  const language = localeOr(locale);
  const component = templates[template].component as unknown as FunctionComponent<Record<string, unknown>>;
  const element = createElement(component, { ...(props as Record<string, unknown>), locale: language });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: localizedSubject(template, props, language), html, text };
}
