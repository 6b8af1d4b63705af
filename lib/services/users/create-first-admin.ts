import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { conflict, forbidden, ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";

export const createFirstAdminInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100, "Use at most 100 characters"),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: newPassword,
});

const FIRST_ADMIN_LOCK = 7_404_002;

/** True while the installation has no admin: the first-run screen is open only then. */
export async function needsFirstAdmin(ctx: Ctx): Promise<boolean> {
  const [admin] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  return !admin;
}

/**
 * The installation's first admin, from the first-run screen (anonymous) or the create-admin CLI
 * (system). Refused once any admin exists; two tries at once are serialised by a transaction lock,
 * so exactly one of them creates the admin.
 */
export async function createFirstAdmin({ ctx, input }: { ctx: Ctx; input: unknown }) {
  if (ctx.actor.type !== "anonymous" && ctx.actor.type !== "system") throw forbidden("Only a first run creates the first admin");
  const data = parseInput(createFirstAdminInput, input);
  const passwordHash = await hashPassword(data.password);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    if (admin) throw conflict("An admin exists already: sign in, or ask an admin to add you");
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${data.email}`).limit(1);
    if (taken) throw new ValidationError({ email: ["A user with this email exists"] });
    const [user] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, passwordHash, role: "admin", clientId: null })
      .returning({ id: users.id });
    await audit(tx, ctx.actor, { action: "user.create_first_admin", entity: "user", entityId: user!.id, after: { name: data.name, email: data.email } });
    return { userId: user!.id, name: data.name, email: data.email };
  });
}
