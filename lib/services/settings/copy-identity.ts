import { eq, ne } from "drizzle-orm";
import { z } from "zod";
import { handlers, webhookEndpoints } from "../../db/schema";
import { forbidden } from "../../errors";
import { renewInstallationId, setOutgoingEmail } from "../../installation";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";

export const copyIdentityInput = z.object({ staging: z.boolean().default(false) });

/**
 * For a restored copy of the database (staging, a restore test, a second installation): a new
 * installation id, so the copy's Resend idempotency keys never repeat the original's. With
 * `staging`, nothing of the copy reaches the outside either: every handler is disabled and
 * processed by hand (the manual module: no request to a panel, operations become tasks), webhook
 * endpoints are disabled and outgoing email is off (emails stay in the Mail log).
 */
export async function copyIdentity({ ctx, input }: { ctx: Ctx; input: unknown }) {
  if (ctx.actor.type !== "system") throw forbidden("A copy's identity is changed from the command line (npm run db:copy-identity)");
  const { staging } = parseInput(copyIdentityInput, input);
  return ctx.db.transaction(async (tx) => {
    const installation = await renewInstallationId(tx);
    let handlersOff: { id: number; module: string }[] = [];
    let endpointsOff = 0;
    if (staging) {
      const before = await tx.select({ id: handlers.id, module: handlers.module }).from(handlers).where(ne(handlers.module, "manual"));
      await tx.update(handlers).set({ enabled: false, module: "manual" }).where(ne(handlers.module, "manual"));
      await tx.update(handlers).set({ enabled: false }).where(eq(handlers.enabled, true));
      handlersOff = before;
      endpointsOff = (await tx.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.enabled, true)).returning({ id: webhookEndpoints.id })).length;
      await setOutgoingEmail(tx, false);
    }
    await audit(tx, ctx.actor, {
      action: staging ? "installation.copy_staging" : "installation.copy",
      entity: "settings",
      entityId: "installationId",
      before: { installationId: installation.before },
      after: { installationId: installation.after, handlersMadeManual: handlersOff, webhookEndpointsDisabled: endpointsOff, outgoingEmail: staging ? "off" : undefined },
    });
    return { ...installation, handlersMadeManual: handlersOff.length, webhookEndpointsDisabled: endpointsOff, outgoingEmailOff: staging };
  });
}
