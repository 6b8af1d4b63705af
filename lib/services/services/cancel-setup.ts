import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db";
import { clients, operations, serviceHistory, services, tariffs, tasks } from "../../db/schema";
import { giveBack } from "../../billing/give-back";
import { paidFor, serviceRefundPrefix } from "../../billing/paid-period";
import { serviceEmail } from "../../email/service-emails";
import { enqueueEmail } from "../../email/enqueue";
import { conflict, notFound } from "../../errors";
import { notifyRunners } from "../../processing/wake";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Actor, type Ctx } from "../context";

export const cancelSetupInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  to: z.enum(["balance", "card"]).default("balance"),
  reason: z.string().trim().min(1, "Say why the set-up is cancelled").max(500).default("Set-up cancelled by admin"),
});

/**
 * An admin cancels a service that is still being set up: its set-up operation and task stop, the
 * service is closed, and everything paid for it goes back (to the balance, or to the card it was
 * paid with through Stripe). The client is told in plain words, in the history and by email.
 */
export async function cancelSetup({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(cancelSetupInput, input);
  return ctx.db.transaction((tx) => cancelSetupTx(tx, ctx.actor, { ...data, at: now(ctx) }));
}

export async function cancelSetupTx(tx: Tx, actor: Actor, input: { serviceId: number; to: "balance" | "card"; reason: string; at: Date }) {
  const [row] = await tx
    .select({ service: services, tariffName: tariffs.name, email: clients.email, currency: clients.currency })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(eq(services.id, input.serviceId))
    .for("update", { of: services });
  if (!row) throw notFound("Service not found");
  const { service } = row;
  if (service.status !== "processing" && service.status !== "ordered") throw conflict(`The service is ${service.status}: only a set-up can be cancelled`);
  const live = await tx
    .select()
    .from(operations)
    .where(and(eq(operations.serviceId, service.id), inArray(operations.status, ["queued", "running", "waiting", "manual"])))
    .for("update");
  if (live.some((op) => op.status === "running")) throw conflict("The panel is being asked right now; try again in a minute");
  const at = input.at;
  const ids = live.map((op) => op.id);
  if (ids.length) {
    await tx.update(operations).set({ status: "cancelled", finishedAt: at, updatedAt: at, leaseToken: null, leaseUntil: null }).where(inArray(operations.id, ids));
    await tx.update(tasks).set({ status: "cancelled", closedAt: at, note: "Set-up cancelled" }).where(and(inArray(tasks.operationId, ids), inArray(tasks.status, ["new", "in_progress"])));
  }
  await tx.update(services).set({ status: "closed", pending: null, autoRenew: false, updatedAt: at }).where(eq(services.id, service.id));
  const paid = await paidFor(tx, service);
  const amount = paid.total - paid.refunded;
  const returned = await giveBack(tx, {
    clientId: service.clientId, currency: row.currency, amount, to: input.to, key: `${serviceRefundPrefix(service.id)}setup`,
    invoiceId: paid.period.invoiceId, note: `Set-up of service #${service.id} cancelled: ${input.reason}`, at, actorUserId: actorUserId(actor),
  });
  const message = `Set-up cancelled${returned ? `, ${returned}` : ""}`;
  await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: "closed", message, staffNote: input.reason, actorUserId: actorUserId(actor), createdAt: at });
  const mail = serviceEmail("closed", { id: service.id, productType: service.productType, tariffName: row.tariffName, details: service.details, secrets: {}, params: service.params, expiresAt: null }, { reason: `${message}.` });
  if (await enqueueEmail(tx, { dedupeKey: `closed:setup:${service.id}`, to: row.email, ...mail, clientId: service.clientId, serviceId: service.id, runAt: at })) await notifyRunners(tx);
  await audit(tx, actor, { action: "service.cancel_setup", entity: "service", entityId: service.id, before: { status: service.status }, after: { status: "closed", refunded: returned ? amount : 0, to: input.to, reason: input.reason, operations: ids } });
  return { serviceId: service.id, refunded: returned ? amount : 0, to: input.to, message };
}
