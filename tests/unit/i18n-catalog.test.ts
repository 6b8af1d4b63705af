import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { localeFromAcceptLanguage, locales } from "@/lib/i18n/locales";
import { catalogs } from "@/lib/i18n/messages";
import { formatterFor, translatorFor } from "@/lib/i18n/translator";

type Tree = { [key: string]: string | Tree };

/** Every message of a catalog by its dotted key. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes ({name}, {count, plural, ...}), with their kind. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) out.add(`${el.value}:text`);
    if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(`${el.value}:${TYPE[el.type]}`);
    if (el.type === TYPE.plural) out.add(`${el.value}:plural`);
    if (el.type === TYPE.select) out.add(`${el.value}:select`);
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
    }
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, out);
  }
  return out;
}

/** The plural arguments of a message with the categories it spells out. */
function plurals(elements: MessageFormatElement[], out: { name: string; forms: string[] }[] = []) {
  for (const el of elements) {
    if (el.type === TYPE.plural) out.push({ name: el.value, forms: Object.keys(el.options) });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) plurals(option.value, out);
    if (el.type === TYPE.tag) plurals(el.children, out);
  }
  return out;
}

const english = flatten(en as Tree);
const russian = flatten(ru as Tree);

describe("message catalogs", () => {
  it("have the same keys in every language", () => {
    expect([...russian.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !russian.has(k))).toEqual([]);
    expect(english.size).toBeGreaterThan(100);
  });

  it("give every message the same placeholders in every language", () => {
    const differing: string[] = [];
    for (const [key, message] of english) {
      const other = russian.get(key);
      if (other === undefined) continue;
      const a = [...argumentsOf(parse(message))].sort();
      const b = [...argumentsOf(parse(other))].sort();
      if (JSON.stringify(a) !== JSON.stringify(b)) differing.push(`${key}: ${a.join(",")} ≠ ${b.join(",")}`);
    }
    expect(differing).toEqual([]);
  });

  it("spell out Russian's one, few and many forms in every plural", () => {
    const missing: string[] = [];
    let seen = 0;
    for (const [key, message] of russian) {
      for (const p of plurals(parse(message))) {
        seen++;
        for (const form of ["one", "few", "many", "other"]) if (!p.forms.includes(form)) missing.push(`${key} (${p.name}): ${form}`);
      }
    }
    expect(seen).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });

  it("is not left untranslated: Russian differs from English where the English has letters", () => {
    const same = [...english].filter(([k, v]) => /[a-z]{4}/i.test(v.replace(/\{[^}]*\}/g, "")) && russian.get(k) === v).map(([k]) => k);
    // Brand and technical words stay the same in both; anything else is a missed translation.
    expect(same.filter((k) => !allowedSame.has(k))).toEqual([]);
  });

  it("loads a catalog for every locale", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
  });
});

const allowedSame = new Set<string>([]);

describe("translator", () => {
  it("fails on a key that is not in the catalog instead of showing it", () => {
    const t = translatorFor("ru");
    expect(() => t("emails.no-such-key" as never)).toThrow();
  });

  it("picks Russian plural forms: 1 услуга, 2 услуги, 5 услуг, 21 услуга", () => {
    const t = translatorFor("ru");
    expect([1, 2, 5, 21, 11].map((count) => t("common.services", { count }))).toEqual(["1 услуга", "2 услуги", "5 услуг", "21 услуга", "11 услуг"]);
    expect([1, 2].map((count) => translatorFor("en")("common.services", { count }))).toEqual(["1 service", "2 services"]);
  });

  it("formats money as each locale does", () => {
    expect(formatterFor("en").number(1234.5, { style: "currency", currency: "USD" })).toBe("$1,234.50");
    expect(formatterFor("ru").number(1234.5, { style: "currency", currency: "RUB" }).replace(/\s/g, " ")).toBe("1 234,50 ₽");
  });
});

describe("Accept-Language", () => {
  it("picks the browser's most wanted language we speak", () => {
    expect(localeFromAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,ru;q=0.5,en;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE,ru;q=0.5")).toBe("ru");
    expect(localeFromAcceptLanguage("fr")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("ru;q=0")).toBe("en");
  });
});
