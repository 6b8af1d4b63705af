import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, clients } from "../../db/schema";
import { apiScopes } from "../../vocabulary";
import { sha256 } from "../../crypto";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { actorUserId, parseInput, requireAdmin, type Ctx } from "../context";

export const API_KEY_PREFIX = "pv_live_";
export const API_KEY_PATTERN = /^pv_live_[A-Za-z0-9_-]{32}$/;
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(2).max(100),
  scopes: z.array(z.enum(apiScopes)).min(1, "Choose at least one scope").max(apiScopes.length),
  /** Bind the key to one client: it then sees and acts for that client only. */
  clientId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
}).refine((d) => !(d.clientId && d.scopes.includes("admin")), {
  path: ["scopes"],
  message: "A key bound to a client cannot have the admin scope",
});

export type ApiKeyView = Omit<typeof apiKeys.$inferSelect, "hash">;

/** A new random key: 24 random bytes after the "pv_live_" prefix. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString("base64url");
}

/**
 * Admins create an API key. Only its SHA-256 and the first characters are stored; the key itself is
 * returned here once and can never be shown again.
 */
export async function createApiKey({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ apiKey: ApiKeyView; secret: string }> {
  requireAdmin(ctx.actor);
  const data = parseInput(createApiKeyInput, input);
  const secret = generateApiKey();
  return ctx.db.transaction(async (tx) => {
    if (data.clientId) {
      const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, data.clientId));
      if (!client) throw new ValidationError({ clientId: ["No such client"] });
    }
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: data.name,
        prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
        hash: sha256(secret),
        scopes: [...new Set(data.scopes)],
        clientId: data.clientId ?? null,
        createdById: actorUserId(ctx.actor),
      })
      .returning();
    const { hash: _hash, ...apiKey } = row!;
    await audit(tx, ctx.actor, { action: "api_key.create", entity: "api_key", entityId: apiKey.id, after: apiKey });
    return { apiKey, secret };
  });
}
