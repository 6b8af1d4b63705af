/**
 * The <style> elements Next.js 16 puts, without a nonce, in its built-in 404 and error pages
 * (allowed by their hashes; they change only with a new Next.js version).
 */
const NEXT_INLINE_STYLES = ["'sha256-Z5XTK23DFuEMs0PwnyZDO9SWxemQ5HxcpVaBNuUJyWY='", "'sha256-Wwucq8eX2r0YFymkQhDXm5hN0+FfSvI3s4JSSaqa4iw='"];

/**
 * The Content-Security-Policy of every page: scripts only with this request's nonce (Next.js puts
 * it on its own scripts when it finds it in the request's CSP header), no framing, no plugins.
 * Style attributes stay allowed (React components and emails use them); style elements need the nonce.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}' ${NEXT_INLINE_STYLES.join(" ")}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers every answer carries (pages, API, files); next.config.ts sets them, the proxy repeats them. */
export const baseSecurityHeaders: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether the browser reached us over HTTPS (directly or through a proxy that says so). */
export function servedOverHttps(url: URL, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? url.protocol.replace(":", "")) === "https";
}
