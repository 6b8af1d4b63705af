import Link from "next/link";
import { useTranslations } from "next-intl";
import { parseDbId } from "@/lib/ids";
import { Notice } from "@/components/ui/card";

/** "Older" link of a keyset-paginated list; "Newest" goes back to the first page. */
export function Pager({ path, cursor, nextCursor }: { path: string; cursor?: number; nextCursor: number | null }) {
  const t = useTranslations("common");
  if (!cursor && nextCursor === null) return null;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm">
      {cursor ? <Link href={path} className="font-medium text-indigo-700 hover:underline">{t("newest")}</Link> : <span />}
      {nextCursor !== null && <Link href={`${path}?cursor=${nextCursor}`} className="font-medium text-indigo-700 hover:underline">{t("older")}</Link>}
    </nav>
  );
}

/**
 * The `?cursor=` of a list page: an id the column can hold, else the first page with `invalid` set
 * (the page says so) rather than a value the list refuses.
 */
export function cursorParam(value: string | string[] | undefined): { cursor?: number; invalid: boolean } {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === "") return { invalid: false };
  const cursor = parseDbId(raw.trim());
  return cursor === null ? { invalid: true } : { cursor, invalid: false };
}

/** Said above a list whose `?cursor=` was not valid. */
export function BadCursorNotice({ invalid }: { invalid: boolean }) {
  const t = useTranslations("common");
  return invalid ? <Notice tone="error">{t("badCursor")}</Notice> : null;
}
