import { createElement, type FunctionComponent } from "react";
import { render } from "@react-email/render";
import { emailSubject, templates, type TemplateName, type TemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<T extends TemplateName>(template: T, props: TemplateProps[T]): Promise<RenderedEmail> {
  const component = templates[template].component as FunctionComponent<TemplateProps[T]>;
  const element = createElement(component, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: emailSubject(template, props), html, text };
}
