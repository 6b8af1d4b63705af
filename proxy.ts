import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import type { Role } from "./lib/db/schema/_enums";
import { auth } from "./lib/auth";
import { homeFor } from "./lib/auth/actor";
import { SUPPORT_COOKIE } from "./lib/auth/support-cookie";

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
  const area = areas.find((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`));
  if (!area) return NextResponse.next();
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
  return NextResponse.next();
}) as unknown as Promise<NextMiddleware>;

/** With a lazy Auth.js config, auth(handler) returns a promise of the handler (its types say otherwise). */
export async function proxy(req: NextRequest, event: NextFetchEvent) {
  const handler = await guard;
  return handler(req, event);
}

export const config = { matcher: ["/admin/:path*", "/board/:path*", "/account/:path*"] };
