import type { DefaultSession } from "next-auth";
import type { Role } from "../lib/vocabulary";

declare module "next-auth" {
  interface User {
    role?: Role;
    clientId?: number | null;
  }
  interface Session {
    user: { id: string; role: Role; clientId: number | null; sessionId?: string } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    clientId?: number | null;
    /** The sessions row this token stands for. */
    sid?: string;
  }
}
