import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { handlers, operations } from "../../db/schema";
import { conflict } from "../../errors";
import { meaningfulStatuses } from "../../modules/epp/status-words";
import { getModule } from "../../modules/registry";
import { parseInput, type Ctx } from "../context";
import { loadOwnService } from "../services/load-own";
import type { DomainChangeAction } from "./request-change";

export const domainSettingsInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

export type DomainSettings = {
  /** The changes this domain's registrar carries out; the others are refused in plain words. */
  offered: DomainChangeAction[];
  nameservers: string[];
  /** Name servers the registration had to leave out (under the domain, given without an address). */
  waitingNameservers: string[];
  /** The registrar lock (clientTransferProhibited); null when the registry has not said. */
  locked: boolean | null;
  /** The registry's statuses that change what the domain does (codes, worded by the page); empty when it simply works. */
  registryStatuses: string[];
  /** The registrar's own words for a state it gave no status codes for; empty otherwise. */
  registryStatus: string;
  /** The last change asked for, while it runs or when it stopped for a person. */
  change: { action: string; status: string; error: string | null } | null;
  /** A transfer in waiting for the registry's pending period to end. */
  transfer: { until: string | null; status: string } | null;
};

const actionOf = (params: Record<string, unknown>) => (typeof params.action === "string" ? params.action : "change");

/** What the client (own domain) or staff see of a domain's settings on its service page. */
export async function domainSettings({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<DomainSettings> {
  const data = parseInput(domainSettingsInput, input);
  const service = await loadOwnService(ctx.db, ctx.actor, data.serviceId);
  if (service.productType !== "domain") throw conflict("Only a domain has these settings");
  let offered: DomainChangeAction[] = [];
  if (service.handlerId !== null) {
    const [handler] = await ctx.db.select({ module: handlers.module }).from(handlers).where(eq(handlers.id, service.handlerId));
    const module = handler ? getModule(handler.module) : null;
    offered = module?.alwaysManual ? ["nameservers", "lock", "authcode", "contact"] : [...(module?.manages ?? [])];
  }
  const [change] = await ctx.db
    .select({ params: operations.params, status: operations.status, lastError: operations.lastError })
    .from(operations)
    .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "manage")))
    .orderBy(desc(operations.id))
    .limit(1);
  const [open] = await ctx.db
    .select({ status: operations.status, remoteTask: operations.remoteTask })
    .from(operations)
    .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "open")))
    .orderBy(desc(operations.id))
    .limit(1);
  const d = service.details;
  const transferring = service.params.transfer === true && open && (open.status === "waiting" || open.status === "queued" || open.status === "running");
  const until = open?.remoteTask && typeof open.remoteTask.until === "string" ? open.remoteTask.until : null;
  const statuses = (d.statuses ?? "").split(/,\s*/).filter(Boolean);
  return {
    offered,
    nameservers: (d.nameservers ?? "").split(/,\s*/).filter(Boolean),
    waitingNameservers: (d.nameservers_waiting ?? "").split(/,\s*/).filter(Boolean),
    locked: d.locked === "yes" ? true : d.locked === "no" ? false : null,
    registryStatuses: meaningfulStatuses(statuses),
    registryStatus: statuses.length > 0 ? "" : (d.registry_status ?? ""),
    change: change && change.status !== "done" && change.status !== "cancelled" ? { action: actionOf(change.params), status: change.status, error: change.lastError } : null,
    transfer: transferring ? { until, status: open.status } : null,
  };
}
