import type { TemplateName, TemplateProps } from "./templates";

export const MASK = "••••••••";
const SECRET_KEY = /pass|secret|token|auth_?code|authinfo|private|api_?key/i;

function maskValue(key: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => {
      // Detail rows: { label: "Password", value: "…" }.
      if (item && typeof item === "object" && "label" in item && "value" in item && SECRET_KEY.test(String(item.label))) return { ...item, value: MASK };
      return item && typeof item === "object" ? maskObject(item as Record<string, unknown>) : item;
    });
  }
  if (typeof value === "string" && SECRET_KEY.test(key)) return MASK;
  if (value && typeof value === "object") return maskObject(value as Record<string, unknown>);
  return value;
}

function maskObject(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, maskValue(k, v)]));
}

/**
 * An email's props with its secrets masked (passwords, auth codes, the token of a one-time link),
 * for staff reading the Mail log or a task: only an audited reveal shows the real ones.
 */
export function maskEmailProps<T extends TemplateName>(template: T, props: TemplateProps[T]): TemplateProps[T] {
  const masked = maskObject(props as Record<string, unknown>);
  if ((template === "account-link" || template === "sign-in-unlock") && typeof masked.url === "string") masked.url = masked.url.replace(/[^/]+$/, MASK);
  return masked as TemplateProps[T];
}
