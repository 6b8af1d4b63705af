"use server";

import { cookies } from "next/headers";
import { sessionActor } from "@/lib/auth/actor";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { setLanguage } from "@/lib/services/profile/set-language";
import { ctxFor } from "@/lib/services/request-context";

/**
 * The language switch: remembered in a cookie for this browser and, for a signed-in person, stored
 * (a client's emails and invoices follow it). Setting the cookie re-renders the same page.
 */
export async function setLanguageAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
  const actor = await sessionActor();
  if (actor.type === "user") await setLanguage({ ctx: await ctxFor(actor), input: { locale } });
}
