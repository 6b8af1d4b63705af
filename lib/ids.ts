/** The largest id an integer column holds: ids from URLs and forms are checked against it at the edge. */
export const MAX_ID = 2_147_483_647;

/** Whether a value is an id that can exist (a positive integer within the column's range). */
export function isDbId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= MAX_ID;
}

/** An id from a URL segment or form field ("12"), or null for anything else ("abc", "-1", "1.5", "99999999999"). */
export function parseDbId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return isDbId(n) ? n : null;
}
