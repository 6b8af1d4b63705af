import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { departments } from "../../db/schema";
import { notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { departmentInput, departmentView, notifyColumns } from "./create";

export const updateDepartmentInput = departmentInput.extend({ departmentId: z.coerce.number().int().positive().max(2_147_483_647) });

/** An admin renames a department or changes its email and how it hears about tasks. */
export async function updateDepartment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(updateDepartmentInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, data.departmentId)).for("update");
    if (!before) throw notFound("Department not found");
    const [taken] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.name, data.name), ne(departments.id, before.id)));
    if (taken) throw new ValidationError({ name: ["A department with this name exists"] });
    const email = data.email === undefined ? before.email : data.email;
    const [after] = await tx.update(departments).set({ name: data.name, email, ...notifyColumns(data) }).where(eq(departments.id, before.id)).returning();
    await audit(tx, ctx.actor, { action: "department.update", entity: "department", entityId: before.id, before: departmentView(before), after: departmentView(after!) });
    return departmentView(after!);
  });
}
