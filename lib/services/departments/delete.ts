import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { departments, handlers } from "../../db/schema";
import { departmentView } from "./create";
import { conflict, notFound } from "../../errors";
import { readSettings } from "../../settings";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const departmentIdInput = z.object({ departmentId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * Deletes a department that is neither the default one nor responsible for a handler (their
 * tasks would lose their way). Memberships go with it; its past tasks keep no department.
 */
export async function deleteDepartment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { departmentId } = parseInput(departmentIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, departmentId)).for("update");
    if (!before) throw notFound("Department not found");
    if ((await readSettings(tx)).defaultDepartmentId === departmentId) {
      throw conflict(`"${before.name}" is the default department. Choose another default in Settings first.`);
    }
    const [used] = await tx.select({ n: count() }).from(handlers).where(eq(handlers.departmentId, departmentId));
    if (Number(used!.n) > 0) {
      throw conflict(`"${before.name}" is responsible for ${used!.n} processing module${Number(used!.n) === 1 ? "" : "s"}. Give them another department first.`);
    }
    await tx.delete(departments).where(eq(departments.id, departmentId));
    await audit(tx, ctx.actor, { action: "department.delete", entity: "department", entityId: departmentId, before: departmentView(before) });
    return { departmentId };
  });
}
