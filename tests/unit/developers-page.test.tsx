import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { createElement } from "react";
import type { Locale } from "@/lib/i18n/locales";
import DevelopersPage from "@/app/developers/page";

/** The API reference's text as a reader sees it, in a language. */
function text(locale: Locale): string {
  return renderIn(locale, createElement(DevelopersPage))
    .replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ");
}

describe("/developers in the reader's language", () => {
  it("words the page around the API in Russian, keeping the API's own names, headers and codes", () => {
    const ru = text("ru");
    for (const words of ["API Provisio", "Основное", "Базовый URL — /api/v1", "Authorization: Bearer pv_live_…", 'Ошибки приходят в виде { "error": { "code", "message", "details" } }', "x-provisio-signature: t=<unix>,v1=<hex HMAC-SHA256", "Вебхуки", "События:", "Ответы", "// Node: проверьте доставку"]) {
      expect(ru).toContain(words);
    }
    expect(ru).toMatch(/не более \d+ символ/);
    expect(ru).not.toMatch(/Basics|Responses|Parameter|Events:|max \d+ chars|array of/);
  });

  it("keeps the English page as it was", () => {
    const en = text("en");
    for (const words of ["Provisio API", "Basics", "Base URL /api/v1", "Responses", "// Node: check a delivery before trusting it"]) expect(en).toContain(words);
    expect(en).toMatch(/max \d+ chars/);
  });
});
