import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { catalogs } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";

/** An element's HTML as a reader of a language gets it: inside the message provider with that language's catalog. */
export function renderIn(locale: Locale, element: ReactElement): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: catalogs[locale], timeZone: "UTC", children: element }));
}
