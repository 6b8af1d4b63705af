import { useTranslations } from "next-intl";

/** Downloads the list as CSV with the filters the page shows (every page of it, not just this one). */
export function CsvLink({ list, params = {} }: { list: string; params?: Record<string, string | undefined> }) {
  const t = useTranslations("adminShared");
  const q = new URLSearchParams(Object.entries(params).filter(([k, v]) => k !== "cursor" && v) as [string, string][]).toString();
  return (
    <a href={`/admin/export/${list}${q ? `?${q}` : ""}`} download className="text-sm font-medium text-indigo-700 hover:underline">
      {t("csv")}
    </a>
  );
}
