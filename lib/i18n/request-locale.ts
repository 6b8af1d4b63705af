import { cache } from "react";
import { cookies, headers } from "next/headers";
import { eq } from "drizzle-orm";
import { sessionActor } from "../auth/actor";
import { getDatabase } from "../db";
import { clients, users } from "../db/schema";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "./locales";

/**
 * The language stored for the person signed in: a client's user reads its client's language,
 * staff their own. Null for visitors and for people who never chose.
 */
export async function storedLocale(): Promise<Locale | null> {
  const actor = await sessionActor();
  if (actor.type !== "user") return null;
  const { db } = await getDatabase();
  const [row] =
    actor.clientId !== null
      ? await db.select({ locale: clients.locale }).from(clients).where(eq(clients.id, actor.clientId))
      : await db.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
  return isLocale(row?.locale) ? row.locale : null;
}

/** The browser's own choice: the language cookie, else its Accept-Language header. */
export async function browserLocale(): Promise<Locale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** This request's language: the signed-in person's stored one, else the browser's. No locale in URLs. */
export const requestLocale = cache(async (): Promise<Locale> => (await storedLocale()) ?? (await browserLocale()));
