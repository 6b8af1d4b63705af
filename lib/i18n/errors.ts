import { catalogs } from "./messages";
import type { Locale } from "./locales";
import { translatorFor } from "./translator";

type ErrorKey = keyof (typeof catalogs)["en"]["errors"];

const escape = (s: string) => s.replace(/[.*+?^$()[\]\\|]/g, "\\$&");

/**
 * The services speak English (the API's and the logs' language); people read their own. Each
 * message under "errors" in the English catalog is also a pattern: "Enter at least {min}
 * characters" matches "Enter at least 2 characters" and gives { min: "2" }.
 */
const patterns = (Object.entries(catalogs.en.errors) as [ErrorKey, string][]).map(([key, message]) => {
  const names: string[] = [];
  const source = message
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      if (!name) return escape(part.replace(/''/g, "'"));
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { key, names, re: new RegExp(`^${source}$`, "s") };
});

/** A message from the services in the reader's language; one we have no words for stays as it is. */
export function translateMessage(message: string, locale: Locale): string {
  if (locale === "en" || !message) return message;
  const trimmed = message.trim();
  for (const p of patterns) {
    const m = p.re.exec(trimmed);
    if (!m) continue;
    const values = Object.fromEntries(p.names.map((name, i) => [name, m[i + 1]!]));
    return translatorFor(locale)(`errors.${p.key}`, values);
  }
  return message;
}

/** Every message of a list (a field's errors) in the reader's language. */
export function translateMessages(messages: string[] | undefined, locale: Locale): string[] | undefined {
  return messages?.map((m) => translateMessage(m, locale));
}
