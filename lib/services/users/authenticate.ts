import { sql } from "drizzle-orm";
import { z } from "zod";
import { users, type Role } from "../../db/schema";
import { verifyPassword } from "../../auth/password";
import type { Ctx } from "../context";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(200, "Use at most 200 characters"),
});

export type AuthenticatedUser = { id: number; name: string; email: string; role: Role; clientId: number | null };

// Compared against when the email is unknown, so both answers take the same time.
const DUMMY_HASH = "$2b$10$Fq8joQtPuhapo9IImN9DDeGZ.Rio.e1FdkOOTMhS4GqFE7kkNIpdO";

/** Checks an email and password; the user when they match an enabled account, otherwise null. */
export async function authenticate({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AuthenticatedUser | null> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, clientId: user.clientId };
}
