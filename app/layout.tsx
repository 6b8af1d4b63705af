import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { demoGatewayEnabled } from "@/lib/billing/card-gateway";
import { clientMessages } from "@/lib/i18n/client-messages";
import type { ReactNode } from "react";
import Link from "next/link";
import { auth } from "@/lib/auth";
import { homeFor } from "@/lib/auth/actor";
import { SubmitButton } from "@/components/ui/button";
import { CartLink } from "@/components/store/cart-link";
import { CartOwner } from "@/components/store/cart-owner";
import { SupportBanner } from "@/components/admin/support-banner";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { signOutAction } from "./sign-out/actions";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("header");
  return { title: "Provisio", description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const homeLabels = { client: "homeClient", staff: "homeStaff", admin: "homeAdmin" } as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  const role = session?.user?.role;
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations("header"), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider messages={clientMessages(messages, demoGatewayEnabled())}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("skip")}
        </a>
        <SupportBanner />
        <CartOwner owner={session?.user?.id ?? null} />
        <header className="border-b border-slate-200 bg-white print:hidden">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 [body:has([data-layout=wide])_&]:max-w-none">
            <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
              Provisio
            </Link>
            <nav aria-label={t("accountNav")} className="flex flex-wrap items-center gap-1 text-sm sm:gap-2">
              <LanguageSwitch />
              {role ? (
                <>
                  <span className="hidden text-slate-500 sm:inline">{session.user.name ?? session.user.email}</span>
                  {role === "client" && (
                    <>
                      <Link href="/" className="rounded-md px-2 py-2 font-medium text-slate-700 hover:bg-slate-100 sm:px-3">
                        {t("store")}
                      </Link>
                      <CartLink />
                    </>
                  )}
                  <Link href={homeFor(role)} className="rounded-md px-2 py-2 font-medium text-slate-700 hover:bg-slate-100 sm:px-3">
                    {t(homeLabels[role])}
                  </Link>
                  <form action={signOutAction}>
                    <SubmitButton variant="secondary" pendingText={t("signingOut")}>
                      {t("signOut")}
                    </SubmitButton>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/sign-in" className="rounded-md px-2 py-2 font-medium text-slate-700 hover:bg-slate-100 sm:px-3">
                    {t("signIn")}
                  </Link>
                  <Link href="/sign-up" className="rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-500">
                    {t("createAccount")}
                  </Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 has-[[data-layout=wide]]:max-w-none">
          {children}
        </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
