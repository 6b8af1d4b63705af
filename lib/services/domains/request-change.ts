import { domainToASCII } from "node:url";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { handlers, operations } from "../../db/schema";
import { conflict, unprocessable } from "../../errors";
import { ModuleError } from "../../modules/contract";
import { parseNameServer, validateNameServers } from "../../modules/epp/host";
import { getModule } from "../../modules/registry";
import { enqueueOperation } from "../../processing/enqueue";
import { dispatchOperations } from "../../processing/dispatch";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "../services/load-own";

export const domainChangeActions = ["nameservers", "lock", "authcode", "contact"] as const;
export type DomainChangeAction = (typeof domainChangeActions)[number];

export const requestDomainChangeInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  action: z.enum(domainChangeActions),
  /** nameservers: "ns1.example.net", or "ns1.<domain> 192.0.2.1" for a host under the domain. */
  nameservers: z.array(z.string().trim().max(300)).max(13).optional(),
  /** lock: the registrar lock (clientTransferProhibited) on or off. */
  locked: z.boolean().optional(),
});

/** What a client reads when a registrar does not offer the change: the module's list, in plain words. */
const offered: Record<DomainChangeAction, string> = {
  nameservers: "changing name servers",
  lock: "the transfer lock",
  authcode: "a new auth code",
  contact: "updating the owner's contact details",
};

/** The name servers, checked before anything is queued: host names, glue only under the domain. */
function checkedNameServers(list: string[] | undefined, domain: string): string[] {
  const entries = (list ?? []).filter(Boolean);
  if (!entries.length) throw unprocessable("Give at least one name server");
  try {
    const parsed = entries.map(parseNameServer);
    if (new Set(parsed.map((n) => n.name)).size !== parsed.length) throw unprocessable("A name server is listed twice");
    validateNameServers(parsed, domain);
    return parsed.map((n) => [n.name, ...n.addrs].join(" "));
  } catch (error) {
    if (error instanceof ModuleError) throw unprocessable(error.message);
    throw error;
  }
}

/**
 * The client (for an own domain) or staff ask for a change to a registered domain: name servers, the registrar
 * lock, a new auth code, or the owner's contact from the profile. It runs as a `manage` operation of the engine,
 * with its retries and, failing those, a task. One change at a time per domain; the auth code is never audited.
 */
export async function requestDomainChange({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: number }> {
  const data = parseInput(requestDomainChangeInput, input);
  const queued = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, data.serviceId, true);
    if (service.productType !== "domain") throw conflict("Only a domain has these settings");
    if (service.status !== "active" && service.status !== "suspended") throw conflict(`The domain is ${service.status}: it can be changed once it is registered`);
    if (service.handlerId !== null) {
      const [handler] = await tx.select({ module: handlers.module }).from(handlers).where(eq(handlers.id, service.handlerId));
      const module = handler ? getModule(handler.module) : null;
      if (module && !module.alwaysManual && !module.manages?.includes(data.action)) {
        throw conflict(`This domain's registrar does not offer ${offered[data.action]} here: ask support`);
      }
    }
    const domain = domainToASCII((service.params.domain ?? service.remoteName).trim().toLowerCase()) || service.remoteName;
    const params: Record<string, unknown> = { action: data.action };
    if (data.action === "nameservers") params.nameservers = checkedNameServers(data.nameservers, domain);
    if (data.action === "lock") {
      if (data.locked === undefined) throw unprocessable("Say whether the domain is locked");
      params.locked = data.locked;
    }
    const [busy] = await tx
      .select({ id: operations.id })
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "manage"), inArray(operations.status, ["queued", "running", "waiting", "manual"])));
    if (busy) throw conflict("Another change of this domain is still being made: try again once it is done");
    const result = await enqueueOperation(tx, { serviceId: service.id, kind: "manage", params, runAt: now(ctx) });
    // The auth code itself never reaches the audit log: only that a new one was asked for.
    await audit(tx, ctx.actor, { action: `domain.${data.action}`, entity: "service", entityId: service.id, after: { operationId: result.id, ...params } });
    return result;
  });
  await dispatchOperations([queued.id]);
  return { id: queued.id };
}
