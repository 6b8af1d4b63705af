import { eq } from "drizzle-orm";
import type { Tx } from "../db";
import { clients, serviceHistory, services, tariffs } from "../db/schema";
import { formatAmount, moveBalance } from "./ledger";

type Op = { id: number; serviceId: number; kind: string; params: Record<string, unknown> };

/**
 * A plan (or add-on) change that will not happen (its operation cancelled): the service stays on its plan
 * and resources and the difference goes back, in the caller's transaction. An upgrade's net charge is refunded; a downgrade's
 * net credit is taken back, as far as the balance covers it (the balance is never negative).
 */
export async function undoPlanChange(tx: Tx, op: Op, at: Date, actorUserId: number | null): Promise<string> {
  const difference = Number(op.params.charge ?? 0) - Number(op.params.credit ?? 0);
  const [service] = await tx.select().from(services).where(eq(services.id, op.serviceId));
  const [client] = await tx.select().from(clients).where(eq(clients.id, service!.clientId));
  const [tariff] = await tx.select({ name: tariffs.name }).from(tariffs).where(eq(tariffs.id, service!.tariffId));
  const amount = difference > 0 ? difference : -Math.min(-difference, client!.balance);
  const reference = `plan:op:${op.id}:undo`;
  const addons = Boolean(op.params.addons);
  const stays = addons ? "The add-on change did not happen; the service keeps the resources it had" : `The plan change did not happen; the service stays on ${tariff?.name ?? "its plan"}`;
  let message = stays;
  if (amount !== 0) {
    const entry = await moveBalance(tx, {
      clientId: client!.id, kind: amount > 0 ? "refund" : "adjustment", amount, reference, at, actorUserId,
      note: `Service #${op.serviceId}: ${addons ? "add-on" : "plan"} change cancelled, ${amount > 0 ? "difference refunded" : "credit taken back"}`,
    });
    const words = formatAmount(Math.abs(amount), client!.currency);
    if (entry) message = `${stays}; ${amount > 0 ? `${words} returned to your balance` : `the ${words} credited for it was taken back`}`;
  }
  await tx.insert(serviceHistory).values({ serviceId: op.serviceId, fromStatus: service!.status, toStatus: service!.status, message, actorUserId, createdAt: at });
  return message;
}
