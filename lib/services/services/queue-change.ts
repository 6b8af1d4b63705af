import { eq } from "drizzle-orm";
import type { Tx } from "../../db";
import { clients, serviceHistory } from "../../db/schema";
import { formatAmount, moveBalance } from "../../billing/ledger";
import { creditServiceInvoices } from "../../billing/credit-note";
import type { PlanQuote } from "../../billing/plan-change";
import { conflict, unprocessable } from "../../errors";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { actorUserId, type Ctx } from "../context";
import type { ServiceRow } from "./load-own";

/** The ledger references of a plan or add-on change: one credit and one charge per change_tariff operation. */
export const planChangeReference = (operationId: number, part: "credit" | "charge" | "undo") => `plan:op:${operationId}:${part}`;

type Change = {
  /** The audit action, e.g. service.change_plan. */
  action: string;
  creditNote: string;
  chargeNote: string;
  /** The history line the client reads. */
  message: string;
  /** Refused with this when a change already runs. */
  busy: string;
  /** Further operation input (e.g. the add-on units asked for). */
  params?: Record<string, unknown>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

/**
 * Carries out a quoted change of a locked service in the caller's transaction, the same way for a plan
 * change and an add-on change: refused with nothing changed when the balance does not cover the
 * difference; else a `change_tariff` operation queued with the new plan and resources, the credit and
 * the charge as ledger entries, a history row and an audit row. The service takes the new plan and
 * resources once the operation is done; a cancelled one gives the difference back (`undoPlanChange`).
 */
export async function queueChange(tx: Tx, ctx: Ctx, service: ServiceRow, quote: PlanQuote, at: Date, change: Change) {
  const [client] = await tx.select({ balance: clients.balance }).from(clients).where(eq(clients.id, service.clientId));
  if (quote.difference > client!.balance) {
    const words = `The balance (${formatAmount(client!.balance, quote.currency)}) does not cover the difference of ${formatAmount(quote.difference, quote.currency)}; nothing was changed`;
    throw unprocessable(words, { code: "insufficient_funds", balance: client!.balance, difference: quote.difference });
  }
  const params = { tariffId: quote.tariffId, fromTariffId: service.tariffId, template: quote.template, resources: quote.resources, credit: quote.credit, charge: quote.charge, ...change.params };
  const op = await enqueueOperation(tx, { serviceId: service.id, kind: "change_tariff", params, runAt: at });
  if (!op.created) throw conflict(change.busy);
  const move = { clientId: service.clientId, at, actorUserId: actorUserId(ctx.actor) };
  if (quote.credit > 0) {
    const entry = await moveBalance(tx, { ...move, kind: "credit", amount: quote.credit, reference: planChangeReference(op.id, "credit"), note: change.creditNote });
    // The unused time of the old plan is taken off the invoices that paid for it: a credit note.
    await creditServiceInvoices(tx, { serviceId: service.id, amount: quote.credit, kind: "plan_change", reason: change.creditNote, at, balanceEntryId: entry?.id ?? null });
  }
  if (quote.charge > 0) await moveBalance(tx, { ...move, kind: "charge", amount: -quote.charge, reference: planChangeReference(op.id, "charge"), note: change.chargeNote });
  await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: change.message, actorUserId: actorUserId(ctx.actor), createdAt: at });
  await audit(tx, ctx.actor, { action: change.action, entity: "service", entityId: service.id, before: change.before, after: { ...change.after, operationId: op.id, credit: quote.credit, charge: quote.charge } });
  return { operationId: op.id, ...quote, message: change.message };
}
