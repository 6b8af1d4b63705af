import { CredentialsSignin } from "@auth/core/errors";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabase } from "../db";
import { AppError } from "../errors";
import { localPathOf } from "../local-path";
import { authSecret } from "../local-secrets";
import { authenticate } from "../services/users/authenticate";
import { authLogger } from "./log";
import { createSession, readSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { clientIp } from "./throttle";

/** A refused sign-in; `code` travels to the sign-in page (e.g. "locked-900", "wait-8", "unverified"). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function refusalCode(error: AppError): string {
  const details = (error.details ?? {}) as { reason?: string; retryAfterSeconds?: number };
  return details.retryAfterSeconds ? `${details.reason}-${details.retryAfterSeconds}` : (details.reason ?? "refused");
}

/**
 * The Auth.js configuration. A function, read per request, so that importing it (as `next build`
 * does) neither needs AUTH_SECRET nor writes .data/. The token carries a session id only; every read
 * checks that session in the database, so sign-out, disabling a user or a new password end it.
 */
export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    logger: authLogger,
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const { db } = await getDatabase();
          const input = { email: credentials?.email, password: credentials?.password, ip: clientIp(request?.headers) };
          try {
            const user = await authenticate({ ctx: { db, actor: { type: "anonymous" } }, input });
            if (!user) return null;
            return { id: String(user.id), name: user.name, email: user.email, role: user.role, clientId: user.clientId };
          } catch (error) {
            if (error instanceof AppError) throw new SignInRefused(refusalCode(error));
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // callbackUrl: a path on this site only, by the same rule as every "next"; else the home page.
      redirect({ url, baseUrl }) {
        const path = localPathOf(url, baseUrl);
        return path ? `${baseUrl}${path}` : baseUrl;
      },
      async jwt({ token, user }) {
        const { db } = await getDatabase();
        if (user?.id) {
          token.sid = await createSession(db, Number(user.id));
          token.userId = Number(user.id);
          token.role = user.role;
          token.clientId = user.clientId ?? null;
          return token;
        }
        const live = typeof token.sid === "string" ? await readSession(db, token.sid) : null;
        if (!live) return null;
        token.userId = live.userId;
        token.role = live.role;
        token.clientId = live.clientId;
        token.email = live.email;
        token.name = live.name;
        return token;
      },
      session({ session, token }) {
        if (token.userId && token.role) {
          session.user.id = String(token.userId);
          session.user.role = token.role;
          session.user.clientId = token.clientId ?? null;
          session.user.sessionId = token.sid;
        }
        return session;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid !== "string") return;
        const { db } = await getDatabase();
        await revokeSession(db, sid);
      },
    },
  };
}
