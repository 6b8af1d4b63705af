import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { minorDigits, parseMoney } from "@/lib/i18n/format";

/** What an admin server action answers: a message, or an error with field errors, or where to go next. */
export type FormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  code?: AppError["code"];
  fields?: FieldErrors;
  redirectTo?: string;
};

/** Runs a verb call and turns the errors it throws (forbidden, validation, conflict, ...) into a state. */
export async function attempt<T extends FormState>(fn: () => Promise<T>): Promise<T | FormState> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, code: error.code, fields: error.fields };
    if (error instanceof AppError) {
      const details = error.details as { fields?: FieldErrors } | undefined;
      return { error: error.message, code: error.code, fields: details?.fields };
    }
    throw error;
  }
}

export function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value.trim() : "";
}

/** A number typed in a form; blank is undefined so the verb's default applies. */
export function num(form: FormData, key: string): number | undefined {
  const value = text(form, key);
  return value === "" ? undefined : Number(value);
}

export function flag(form: FormData, key: string): boolean {
  const value = text(form, key);
  return value === "on" || value === "true" || value === "1";
}

/** Fields named "<prefix>.<key>" as one object, blank values left out. */
export function group(form: FormData, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith(`${prefix}.`) && typeof value === "string" && value.trim() !== "") out[key.slice(prefix.length + 1)] = value.trim();
  }
  return out;
}

/** The digits after the decimal point of a currency (ISO 4217), from the one money helper. */
export const currencyDigits = minorDigits;

/** An amount typed in major units ("12.50") as integer minor units, in the currency's digits. */
export function minorUnits(value: string, currency = "USD"): number {
  return parseMoney(value, currency);
}
