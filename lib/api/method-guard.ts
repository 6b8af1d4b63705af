import { endpoints } from "./endpoints";
import { errorResponse } from "./errors";

const routes = endpoints.map((e) => ({
  method: e.method,
  pattern: new RegExp(`^/api/v1${e.path.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
}));

/**
 * A JSON 405 (with Allow) for a method a known /api/v1 path does not take; null otherwise. Next.js
 * would answer those with an empty body.
 */
export function methodNotAllowed(method: string, pathname: string): Response | null {
  const m = method.toUpperCase();
  if (m === "HEAD" || m === "OPTIONS") return null;
  const allowed = routes.filter((r) => r.pattern.test(pathname)).map((r) => r.method);
  if (allowed.length === 0 || allowed.includes(m as "GET" | "POST")) return null;
  const allow = [...new Set(allowed)].join(", ");
  return errorResponse(405, "method_not_allowed", `${pathname} takes ${allow}, not ${m}`, { allow: [...new Set(allowed)] }, { allow });
}
