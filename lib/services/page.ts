import { z } from "zod";
import { MAX_ID } from "../ids";

/** Keyset paging of the list verbs: fetch limit + 1 rows; the extra one only says whether there is a next page. */
export function page<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}

/*
 * The pieces every list's filters are made of, so a value from a URL is checked once, the same way
 * everywhere: ids within the integer column, text without NUL (PostgreSQL cannot hold it), dates
 * PostgreSQL and the day arithmetic of the filters can hold.
 */

/** An id filter or keyset cursor: a positive integer that fits the id column. */
export const idFilter = () => z.coerce.number().int().positive().max(MAX_ID);

/** How many rows a page shows. */
export const limitFilter = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const NUL_MESSAGE = "This value contains a character that is not allowed";

/** Free text searched for: trimmed, at most `max` characters, no NUL character. */
export const textFilter = (max: number) =>
  z.string().trim().max(max).refine((s) => !s.includes("\0"), NUL_MESSAGE);

const FIRST_DAY = Date.parse("1970-01-01T00:00:00Z");
const LAST_DAY = Date.parse("9999-12-30T00:00:00Z");

/** A date (YYYY-MM-DD, a real day) or a date-time with an offset, between 1970 and 9999. */
export const dateFilter = () =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]).refine((s) => {
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
    return Number.isFinite(t) && t >= FIRST_DAY && t <= LAST_DAY;
  }, "Enter a date between 1970 and 9999");
