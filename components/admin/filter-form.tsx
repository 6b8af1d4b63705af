import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

/** The GET form above an admin list: its fields, then the Filter button. */
export function FilterForm({ children }: { children: ReactNode }) {
  const t = useTranslations("adminShared");
  return (
    <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
      {children}
      <div className="flex items-end">
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">{t("filter")}</button>
      </div>
    </form>
  );
}
