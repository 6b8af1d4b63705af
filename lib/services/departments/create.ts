import { z } from "zod";
import { departments } from "../../db/schema";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const departmentInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100),
  email: z.union([z.literal("").transform(() => null), z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"))]).nullable().optional(),
});

/** An admin adds a department: staff in it work the tasks of its handlers. */
export async function createDepartment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(departmentInput, input);
  return ctx.db.transaction(async (tx) => {
    const [department] = await tx.insert(departments).values({ name: data.name, email: data.email ?? null }).onConflictDoNothing().returning();
    if (!department) throw new ValidationError({ name: ["A department with this name exists"] });
    await audit(tx, ctx.actor, { action: "department.create", entity: "department", entityId: department.id, after: department });
    return department;
  });
}
