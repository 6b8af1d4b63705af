import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { translateMessage } from "@/lib/i18n/errors";

export function Card({ title, children, className = "" }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-xs ${className}`}>
      {title && <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>}
      {children}
    </section>
  );
}

export function PageHeading({ title, description }: { title: string; description?: string }) {
  return (
    <div className="mb-6 min-w-0">
      <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere text-slate-900">{title}</h1>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
    </div>
  );
}

const tones = {
  info: "border-sky-200 bg-sky-50 text-sky-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
};

/** A banner; a plain message from the services shows in the reader's language. */
export function Notice({ tone = "info", className = "", children }: { tone?: keyof typeof tones; className?: string; children: ReactNode }) {
  const locale = useLocale();
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-md border px-4 py-3 text-sm wrap-anywhere ${tones[tone]} ${className}`}>
      {typeof children === "string" ? translateMessage(children, locale) : children}
    </div>
  );
}

/** The banner the proxy asks for when it sends someone home from another role's area. */
export function ForbiddenNotice({ notice }: { notice?: string | string[] }) {
  if (notice !== "forbidden") return null;
  return <ForbiddenText />;
}

function ForbiddenText() {
  const t = useTranslations("common");
  return <Notice tone="warning">{t("forbidden")}</Notice>;
}
