import en from "../../messages/en.json" with { type: "json" };
import ru from "../../messages/ru.json" with { type: "json" };
import type { Locale } from "./locales";

export type Messages = typeof en;

/** Every catalog, loaded at once (they are small): emails and PDFs need them outside a request. */
export const catalogs: Record<Locale, Messages> = { en, ru };
