import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const listClientUsersInput = z.object({ clientId: z.coerce.number().int().positive().max(2_147_483_647) });

/** The sign-ins of one client, for admins (never their password hashes). */
export async function listClientUsers({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { clientId } = parseInput(listClientUsersInput, input);
  return ctx.db
    .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.clientId, clientId))
    .orderBy(asc(users.id));
}
