import { ModuleError } from "../contract";

/** Registry dates: plain YYYY-MM-DD for curExpDate, whole years for periods (protocols.md §5). */

export const ymd = (date: Date) => date.toISOString().slice(0, 10);

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The registry's rule: the same day n years later, and Feb 29 becomes Feb 28 in a common year (2024-02-29 + 1 y = 2025-02-28). */
export function addYears(date: Date, years: number): Date {
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const day = month === 1 && date.getUTCDate() === 29 && !isLeap(year) ? 28 : date.getUTCDate();
  return new Date(Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

/** EPP periods are in years (1–10); many registries refuse months (2306), so domains are sold in whole years. */
export function wholeYears(months: number): number {
  const years = months / 12;
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    throw new ModuleError("period_not_years", `A domain is registered for whole years (1–10); ${months} months is not`, false);
  }
  return years;
}
