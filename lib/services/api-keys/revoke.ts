import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import type { ApiKeyView } from "./create";

export const revokeApiKeyInput = z.object({ apiKeyId: z.number().int().positive().max(2_147_483_647) });

/** Admins revoke a key: it stops working at once. Revoking a revoked key changes nothing. */
export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<ApiKeyView> {
  requireAdmin(ctx.actor);
  const { apiKeyId } = parseInput(revokeApiKeyInput, input);
  return ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now(ctx) })
      .where(and(eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) {
      await audit(tx, ctx.actor, { action: "api_key.revoke", entity: "api_key", entityId: apiKeyId, after: { revokedAt: revoked.revokedAt } });
      const { hash: _hash, ...view } = revoked;
      return view;
    }
    const [existing] = await tx.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId));
    if (!existing) throw notFound("API key not found");
    const { hash: _hash, ...view } = existing;
    return view;
  });
}
