import { asc, inArray } from "drizzle-orm";
import { departments } from "../../db/schema";
import { requireStaff, type Ctx } from "../context";
import { departmentsOf } from "./access";

/** The departments whose boards the actor can see: their own, or all of them for admins. */
export async function listBoardDepartments({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireStaff(ctx.actor);
  const allowed = await departmentsOf(ctx.db, ctx.actor);
  if (allowed !== "all" && allowed.length === 0) return [];
  return ctx.db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(allowed === "all" ? undefined : inArray(departments.id, allowed))
    .orderBy(asc(departments.name));
}
