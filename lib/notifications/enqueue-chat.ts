import type { Conn } from "../db";
import { chatOutbox } from "../db/schema";

/** Queues a chat message for a department's webhook inside the caller's transaction; a taken key is a no-op. */
export async function enqueueChat(conn: Conn, input: { departmentId: number; dedupeKey: string; text: string; runAt: Date }): Promise<void> {
  await conn
    .insert(chatOutbox)
    .values({ departmentId: input.departmentId, dedupeKey: input.dedupeKey, text: input.text.slice(0, 3500), runAt: input.runAt })
    .onConflictDoNothing({ target: chatOutbox.dedupeKey });
}
