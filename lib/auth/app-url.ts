/**
 * The public address of the app, for links in emails: APP_URL (or AUTH_URL) when set, as it must be
 * in production so a forged Host header cannot redirect a reset link; else the request's own origin.
 */
export function appUrl(headers?: Headers): string {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers?.get("x-forwarded-host") ?? headers?.get("host") ?? "localhost:3000";
  const proto = headers?.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}
