import { ModuleError } from "../contract";

/** Registry dates: plain YYYY-MM-DD for curExpDate, whole years for periods (protocols.md §5). */

export const ymd = (date: Date) => date.toISOString().slice(0, 10);

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/**
 * An xs:dateTime as registries write it (crDate, exDate): fractional seconds of any length or none, "Z", an
 * offset ("+03:00"), or no zone at all, which is read as UTC rather than the server's local time. `day` is
 * the calendar date as the registry wrote it: what it compares a renew's curExpDate with.
 */
export function parseDateTime(text: string | undefined): { at: Date; day: string } | undefined {
  const m = DATE_TIME.exec(text?.trim() ?? "");
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac = "", zone = "Z"] = m;
  const offset = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = Number(frac.slice(0, 3).padEnd(3, "0"));
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms) - offset * 60_000);
  return Number.isNaN(at.getTime()) ? undefined : { at, day: `${y}-${mo}-${d}` };
}

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
