import Link from "next/link";

/** "Older" link of a keyset-paginated list; "Newest" goes back to the first page. */
export function Pager({ path, cursor, nextCursor }: { path: string; cursor?: number; nextCursor: number | null }) {
  if (!cursor && nextCursor === null) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
      {cursor ? <Link href={path} className="font-medium text-indigo-700 hover:underline">← Newest</Link> : <span />}
      {nextCursor !== null && <Link href={`${path}?cursor=${nextCursor}`} className="font-medium text-indigo-700 hover:underline">Older →</Link>}
    </nav>
  );
}

export function cursorParam(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
