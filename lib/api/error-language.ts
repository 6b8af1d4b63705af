import { translateMessage, translateMessages } from "../i18n/errors";
import { localeFromAcceptLanguage } from "../i18n/locales";

/**
 * An API error answer in the language the caller's Accept-Language asks for: the message and the
 * field messages are translated, the codes and everything else stay as they are. English (the
 * default) and successful answers are returned unchanged.
 */
export function errorTextIn(acceptLanguage: string | null, status: number, text: string): string {
  const locale = localeFromAcceptLanguage(acceptLanguage);
  if (locale === "en" || status < 400) return text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; details?: { fields?: Record<string, string[]> } | null } };
    const error = body.error;
    if (!error || typeof error.message !== "string") return text;
    error.message = translateMessage(error.message, locale);
    const fields = error.details?.fields;
    if (fields && typeof fields === "object") {
      for (const [key, messages] of Object.entries(fields)) if (Array.isArray(messages)) fields[key] = translateMessages(messages, locale)!;
    }
    return JSON.stringify(body);
  } catch {
    return text;
  }
}
