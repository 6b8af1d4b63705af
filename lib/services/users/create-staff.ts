import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { departmentMembers, departments, users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { queueInvitation, unusablePasswordHash } from "./invitation";

export const createStaffInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  /** Without one, the new user gets an email with a link to choose it. */
  password: newPassword.optional(),
  role: z.enum(["staff", "admin"]).default("staff"),
  departmentIds: z.array(z.coerce.number().int().positive().max(2_147_483_647)).default([]),
});

/** An admin adds a staff member (or another admin) with a password or an invitation to choose one, optionally into departments. */
export async function createStaffUser({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { password, departmentIds, ...data } = parseInput(createStaffInput, input);
  const passwordHash = password ? await hashPassword(password) : await unusablePasswordHash();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${data.email}`);
    if (taken) throw new ValidationError({ email: ["A user with this email exists"] });
    const found = departmentIds.length ? await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, departmentIds)) : [];
    if (found.length !== new Set(departmentIds).size) throw new ValidationError({ departmentIds: ["Choose existing departments"] });
    const [user] = await tx.insert(users).values({ ...data, passwordHash, clientId: null }).returning({ id: users.id });
    if (departmentIds.length) await tx.insert(departmentMembers).values(departmentIds.map((departmentId) => ({ departmentId, userId: user!.id })));
    if (!password) await queueInvitation(tx, { id: user!.id, email: data.email, name: data.name, clientId: null }, now(ctx));
    await audit(tx, ctx.actor, { action: "user.create_staff", entity: "user", entityId: user!.id, after: { ...data, departmentIds, invited: !password } });
    return { userId: user!.id, ...data, invited: !password };
  });
}
