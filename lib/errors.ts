/** Errors the service verbs throw; lib/api and server actions map them to answers in one place. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: "validation" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "unprocessable" | "rate_limited",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    message = "Some fields are not valid",
  ) {
    super("validation", message, { fields });
  }
}

export const forbidden = (message = "You are not allowed to do this") => new AppError("forbidden", message);
export const notFound = (what = "Not found") => new AppError("not_found", what);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError("unprocessable", message, details);
