import { getRequestConfig } from "next-intl/server";
import { catalogs } from "./messages";
import { requestLocale } from "./request-locale";
import { intlErrorHandling, timeZone } from "./translator";

/** next-intl's per-request configuration (wired in next.config.ts). */
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogs[locale], timeZone, ...intlErrorHandling };
});
