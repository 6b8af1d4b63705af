import Link from "next/link";
import { useTranslations } from "next-intl";

/** Links to the next page (the cursor goes in the URL, with the filters) and back to the first. */
export function Pager({ path, params, nextCursor }: { path: string; params: Record<string, string | undefined>; nextCursor: number | null }) {
  const t = useTranslations("adminShared.pager");
  const keep = Object.entries(params).filter(([k, v]) => k !== "cursor" && v);
  const href = (cursor?: number) => {
    const q = new URLSearchParams(keep as [string, string][]);
    if (cursor) q.set("cursor", String(cursor));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <nav aria-label={t("pages")} className="mt-3 flex gap-3 text-sm">
      {params.cursor && (
        <Link href={href()} className="font-medium text-indigo-700 hover:underline">
          ← {t("first")}
        </Link>
      )}
      {nextCursor && (
        <Link href={href(nextCursor)} className="font-medium text-indigo-700 hover:underline">
          {t("next")} →
        </Link>
      )}
    </nav>
  );
}

/** The first value of a search param. */
export function param(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.trim() !== "" ? v.trim() : undefined;
}
