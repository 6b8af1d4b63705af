const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

/**
 * The code of an error that says the database could not be reached or dropped the connection (a
 * network error of the driver, SQLSTATE class 08, or 57P01–57P03: the server shut the session down),
 * looked up through drizzle's wrapping causes; undefined for any other error.
 */
export function connectionErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (NETWORK.has(code) || code.startsWith("08") || /^57P0[1-3]$/.test(code)) return code;
  }
  return undefined;
}
