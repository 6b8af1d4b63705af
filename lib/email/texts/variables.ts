import { templates, type TemplateName } from "../templates";

const VARIABLE = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

/** A template's props as variables: its plain values by name, one level of nested values as "a.b"; lists are left out. */
function flatten(props: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || Array.isArray(value)) continue;
    if (typeof value === "object" && !(value instanceof Date)) {
      if (!prefix) Object.assign(out, flatten(value as Record<string, unknown>, `${key}.`));
      continue;
    }
    out[`${prefix}${key}`] = value instanceof Date ? value.toISOString() : String(value);
  }
  return out;
}

/** The variables a template's text may use, from its preview props: {{name}}, {{url}}… */
export function emailVariables(template: TemplateName): string[] {
  return Object.keys(flatten(templates[template].component.PreviewProps as Record<string, unknown>));
}

/** The names used in a text that the template does not have. */
export function unknownVariables(text: string, allowed: readonly string[]): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !allowed.includes(name)))];
}

/** The text with each {{variable}} replaced by its value, as plain text (the email inserts it as text, never as HTML). */
export function fillText(text: string, props: Record<string, unknown>): string {
  const values = flatten(props);
  return text.replace(VARIABLE, (_all, name: string) => values[name] ?? "");
}
