import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabase } from "../db";
import { authSecret } from "../local-secrets";
import { authenticate } from "../services/users/authenticate";
import { authLogger } from "./log";

/**
 * The Auth.js configuration. A function, read per request, so that importing it (as `next build`
 * does) neither needs AUTH_SECRET nor writes .data/.
 */
export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in" },
    logger: authLogger,
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const { db } = await getDatabase();
          const user = await authenticate({ ctx: { db, actor: { type: "anonymous" } }, input: credentials });
          if (!user) return null;
          return { id: String(user.id), name: user.name, email: user.email, role: user.role, clientId: user.clientId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.role) {
          token.userId = Number(user.id);
          token.role = user.role;
          token.clientId = user.clientId ?? null;
        }
        return token;
      },
      session({ session, token }) {
        if (token.userId && token.role) {
          session.user.id = String(token.userId);
          session.user.role = token.role;
          session.user.clientId = token.clientId ?? null;
        }
        return session;
      },
    },
  };
}
