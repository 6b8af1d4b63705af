"use client";

import { useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { setLanguageAction } from "@/app/language/actions";
import { localeNames, locales } from "@/lib/i18n/locales";

/** Chooses the language of every page, in place: the same page comes back in the new language. */
export function LanguageSwitch({ className = "" }: { className?: string }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const [pending, start] = useTransition();
  return (
    <label className={`flex items-center text-sm ${className}`}>
      <span className="sr-only">{t("label")}</span>
      <select
        data-testid="language-switch"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          start(() => setLanguageAction(next));
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-700"
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
