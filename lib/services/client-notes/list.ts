import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { clientNotes } from "../../db/schema/client-notes";
import { parseInput, requireStaff, type Ctx } from "../context";

const input = z.object({ clientId: z.coerce.number().int().positive().max(2_147_483_647) });

/** A client's notes for staff, newest first, with who wrote each. */
export async function listClientNotes({ ctx, input: raw }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { clientId } = parseInput(input, raw);
  return ctx.db
    .select({ id: clientNotes.id, body: clientNotes.body, createdAt: clientNotes.createdAt, author: users.name })
    .from(clientNotes)
    .leftJoin(users, eq(users.id, clientNotes.authorUserId))
    .where(eq(clientNotes.clientId, clientId))
    .orderBy(desc(clientNotes.id))
    .limit(200);
}
