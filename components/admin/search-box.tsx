import { useTranslations } from "next-intl";

/** The admin's one search box: a GET form to the results page, so it works without JavaScript. */
export function SearchBox({ q = "" }: { q?: string }) {
  const t = useTranslations("admin.search");
  return (
    <form method="get" action="/admin/search" role="search" className="mb-4 flex gap-2">
      <label htmlFor="admin-search" className="sr-only">
        {t("label")}
      </label>
      <input
        id="admin-search"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={200}
        placeholder={t("placeholder")}
        className="w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-xs outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-100 sm:text-sm"
      />
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        {t("submit")}
      </button>
    </form>
  );
}
