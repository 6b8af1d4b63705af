import { desc, eq, getTableColumns } from "drizzle-orm";
import { apiKeys, clients } from "../../db/schema";
import { requireAdmin, type Ctx } from "../context";

const { hash: _hash, ...visible } = getTableColumns(apiKeys);

/** Every API key, newest first, with its client's name; never the hash. */
export async function listApiKeys({ ctx }: { ctx: Ctx }) {
  requireAdmin(ctx.actor);
  return ctx.db
    .select({ ...visible, clientName: clients.name })
    .from(apiKeys)
    .leftJoin(clients, eq(clients.id, apiKeys.clientId))
    .orderBy(desc(apiKeys.id));
}

export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];
