import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";

export type ActionFailure = { fields?: FieldErrors; error?: string };

/** Maps a verb's typed error to what a form shows; anything else is rethrown. */
export function actionFailure(error: unknown, stripPrefix?: string): ActionFailure {
  if (error instanceof ValidationError) {
    const fields = stripPrefix
      ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.startsWith(stripPrefix) ? k.slice(stripPrefix.length) : k, v]))
      : error.fields;
    return { fields, error: error.message };
  }
  if (error instanceof AppError) return { error: error.message };
  throw error;
}
