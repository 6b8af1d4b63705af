/** Keyset paging of the list verbs: fetch limit + 1 rows; the extra one only says whether there is a next page. */
export function page<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}
