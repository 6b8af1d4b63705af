import { AppError } from "../errors";
import { connectionErrorCode } from "../db/connection-error";

export type ApiErrorBody = { error: { code: string; message: string; details: unknown } };

const statusOf: Record<AppError["code"], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

/** An error the REST plumbing raises itself, with its own HTTP status (413, 429 with Retry-After, ...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(status: number, code: string, message: string, details: unknown = null, headers: Record<string, string> = {}) {
  const body: ApiErrorBody = { error: { code, message, details: details ?? null } };
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** SQLSTATE of a database error, looked up through drizzle's wrapping causes. */
function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Every error a route can meet, as an answer: our own codes keep their meaning; values the database
 * cannot hold (an id beyond its integer range, a NUL in a text) are the caller's mistake, not ours.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.details, error.headers);
  if (error instanceof AppError) return errorResponse(statusOf[error.code], error.code, error.message, error.details);
  const state = sqlState(error);
  if (state?.startsWith("22")) return errorResponse(400, "validation", "A value is out of range or cannot be stored", { sqlState: state });
  if (state === "23505") return errorResponse(409, "conflict", "This conflicts with an existing record");
  if (state === "23503") return errorResponse(422, "unprocessable", "A referenced record does not exist");
  if (state === "23514" || state === "23502") return errorResponse(422, "unprocessable", "A value breaks a rule of the data");
  const down = connectionErrorCode(error);
  if (down) {
    console.error(`[api] database unavailable (${down})`);
    return errorResponse(503, "unavailable", "The service is briefly unavailable; try again in a few seconds", null, { "retry-after": "2" });
  }
  console.error("[api] unexpected error:", error);
  return errorResponse(500, "internal", "Something went wrong on our side; try again later");
}
