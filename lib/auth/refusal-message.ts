import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translator";

/** The sign-in page's words for a refused sign-in, from the code Auth.js carries (English unless a locale is given). */
export function refusalMessage(code: string | undefined, locale: Locale = "en"): string {
  const t = translatorFor(locale);
  const [reason, value] = (code ?? "").split("-");
  const n = Number(value);
  if (reason === "locked" && n > 0) return t("signIn.locked", { minutes: Math.ceil(n / 60) });
  if (reason === "wait" && n > 0) return t("signIn.wait", { seconds: n });
  if (reason === "unverified") return t("signIn.unverified");
  return t("signIn.wrong");
}
