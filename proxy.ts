import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import type { Role } from "./lib/vocabulary";
import { auth } from "./lib/auth";
import { homeFor } from "./lib/auth/actor";
import { methodNotAllowed } from "./lib/api/method-guard";
import { SUPPORT_COOKIE } from "./lib/auth/support-cookie";
import { baseSecurityHeaders, contentSecurityPolicy, HSTS, servedOverHttps } from "./lib/security-headers";

const areas: { prefix: string; roles: Role[] }[] = [
  { prefix: "/admin", roles: ["admin"] },
  { prefix: "/board", roles: ["staff", "admin"] },
  { prefix: "/account", roles: ["client"] },
];

/**
 * First gate for the signed-in areas; lib/services checks every call again.
 * Anonymous visitors go to /sign-in?next=<path>. A signed-in user in another role's area is
 * redirected to their own home with ?notice=forbidden (shown as a banner) rather than a bare 403.
 * /account is the client area: staff and admins have no client account, so they go home too.
 */
const guard = auth((req) => {
  const { pathname, search } = req.nextUrl;
  const area = areas.find((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`))!;
  const role = req.auth?.user?.role;
  if (!role) {
    const url = new URL("/sign-in", req.nextUrl);
    url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }
  // an admin signed in as a client for support (the cookie is verified again when the actor is resolved)
  const supporting = role === "admin" && area.prefix === "/account" && req.cookies.has(SUPPORT_COOKIE);
  if (!area.roles.includes(role) && !supporting) {
    const url = new URL(homeFor(role), req.nextUrl);
    url.searchParams.set("notice", "forbidden");
    return NextResponse.redirect(url);
  }
  return undefined;
}) as unknown as Promise<NextMiddleware>;

/** Security headers on every page, with a fresh CSP nonce that Next.js applies to its scripts. */
function withSecurityHeaders(req: NextRequest, response: Response | undefined): Response {
  const https = servedOverHttps(req.nextUrl, req.headers);
  const out = response ?? NextResponse.next();
  for (const [k, v] of Object.entries(baseSecurityHeaders)) out.headers.set(k, v);
  if (https) out.headers.set("Strict-Transport-Security", HSTS);
  return out;
}

export async function proxy(req: NextRequest, event: NextFetchEvent) {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/")) return withSecurityHeaders(req, methodNotAllowed(req.method, pathname) ?? undefined);
  const https = servedOverHttps(req.nextUrl, req.headers);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  let cookies: string[] = [];
  if (areas.some((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`))) {
    // With a lazy Auth.js config, auth(handler) returns a promise of the handler (its types say otherwise).
    const answer = (await (await guard)(req, event)) as Response;
    if (answer.headers.get("location")) return withSecurityHeaders(req, answer);
    // The session's cookies: refreshed, or cleared when the session was revoked.
    cookies = answer.headers.getSetCookie();
  }
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return withSecurityHeaders(req, response);
}

export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico).*)" },
  ],
};
