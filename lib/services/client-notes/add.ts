import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { clientNotes } from "../../db/schema/client-notes";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireStaff, type Ctx } from "../context";

export const addClientNoteInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647),
  body: z.string().trim().min(1, "Write the note").max(5000),
});

/** Staff write a note on a client: private to staff, never shown to the client nor in the API. */
export async function addClientNote({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(addClientNoteInput, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, data.clientId));
    if (!client) throw notFound("Client not found");
    const [note] = await tx.insert(clientNotes).values({ ...data, authorUserId: actorUserId(ctx.actor), createdAt: now(ctx) }).returning();
    await audit(tx, ctx.actor, { action: "client.note_add", entity: "client", entityId: data.clientId, after: { noteId: note!.id, body: data.body } });
    return note!;
  });
}
