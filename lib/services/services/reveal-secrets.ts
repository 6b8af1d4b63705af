import { z } from "zod";
import { readableJson } from "../../crypto";
import { conflict } from "../../errors";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const revealSecretsInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * The service's secrets (passwords), decrypted on demand for its client or staff, once the service
 * is set up. Every reveal writes an audit row naming the fields shown, never their values.
 */
export async function revealServiceSecrets({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Record<string, string>> {
  const { serviceId } = parseInput(revealSecretsInput, input);
  return ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId);
    if (service.status !== "active" && service.status !== "suspended") throw conflict("Passwords are shown once the service is set up");
    const secrets = readableJson(service.secrets);
    if (!secrets) throw conflict("The passwords of this service cannot be read (they were saved with another encryption key): ask support to set new ones");
    await audit(tx, ctx.actor, { action: "service.reveal_secrets", entity: "service", entityId: service.id, after: { fields: Object.keys(secrets) } });
    return secrets;
  });
}
