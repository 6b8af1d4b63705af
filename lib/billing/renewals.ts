import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db, Tx } from "../db";
import { memoizeReads } from "../db/memo";
import { clients, operations, serviceHistory, services, tariffs } from "../db/schema";
import { systemClock, type Clock } from "../clock";
import { enqueueEmail } from "../email/enqueue";
import { serviceEmail, type ServiceEmailEvent } from "../email/service-emails";
import { dispatchOperations } from "../processing/dispatch";
import { enqueueOperation } from "../processing/enqueue";
import { notifyRunners } from "../processing/wake";
import { readSettings } from "../settings";
import { chargeRenewal, money, renewalQuote, renewedFor } from "../services/services/renew";
import { formatAmount } from "./ledger";
import { invoiceName } from "./invoice-format";
import { issueRenewalInvoice, renewalInvoiced, voidRenewalsOfClosed } from "./renewal-invoices";
import type { ServiceRow } from "../services/services/load-own";
import { holdSuspension } from "../services/services/suspensions";

const DAY_MS = 86_400_000;

export type RenewalOptions = { clock?: Clock; /** Renew (or warn) this many days before expiry. */ daysBefore?: number };
export type RenewalSummary = { renewed: number; failed: number; expiring: number; suspended: number; closed: number; invoiced: number; operationIds: number[] };

/**
 * The renewal sweep. For each active or suspended service that expires within `daysBefore` days:
 * auto-renew ones are charged from the balance and get `prolong` (a failed charge emails
 * "renewal-failed"), others get an "expiring" email; a renewal left unpaid becomes one unpaid
 * renewal invoice for that period, due at the expiry (paying it renews, and resumes the service);
 * an unpaid service is suspended at expiry and closed after the grace period (settings.graceDays),
 * and the unpaid renewal invoices of closed services are voided. Every step is idempotent: a re-run
 * at the same clock changes nothing.
 */
export async function runRenewals(db: Db, opts: RenewalOptions = {}): Promise<RenewalSummary> {
  const now = (opts.clock ?? systemClock).now();
  const horizon = new Date(now.getTime() + (opts.daysBefore ?? 3) * DAY_MS);
  const { graceDays } = await readSettings(db);
  const summary: RenewalSummary = { renewed: 0, failed: 0, expiring: 0, suspended: 0, closed: 0, invoiced: 0, operationIds: [] };
  await voidRenewalsOfClosed(db, now);
  const due = await db
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.status, ["active", "suspended"]), isNotNull(services.expiresAt), lte(services.expiresAt, horizon)))
    .orderBy(services.id);
  for (let i = 0; i < due.length; i += RENEWAL_BATCH) {
    const ids = due.slice(i, i + RENEWAL_BATCH).map((d) => d.id);
    const batch: RenewalSummary = { renewed: 0, failed: 0, expiring: 0, suspended: 0, closed: 0, invoiced: 0, operationIds: [] };
    await db.transaction(async (tx) => {
      // The batch writes no settings or tax rates: each is read once for all its invoices.
      memoizeReads(tx);
      for (const id of await lockOperationsOf(tx, ids)) await renewOne(tx, id, { now, horizon, graceDays }, batch);
    });
    // Counted once committed; the batch's prolongs and suspensions go to the runners at once.
    for (const key of ["renewed", "failed", "expiring", "suspended", "closed", "invoiced"] as const) summary[key] += batch[key];
    summary.operationIds.push(...batch.operationIds);
    await dispatchOperations(batch.operationIds);
  }
  return summary;
}

/**
 * Services renewed in one transaction: a commit (and its flush) per batch instead of per service.
 * Small, because the batch holds the invoice counter from its first invoice to its commit, and
 * every other invoice (a new order's) waits for it meanwhile.
 */
export const RENEWAL_BATCH = 20;

type When = { now: Date; horizon: Date; graceDays: number };

/** Transactions of the sweep that already sent their NOTIFY. */
const notified = new WeakSet<Tx>();

const OPEN = ["queued", "running", "waiting", "manual"] as const;

/**
 * Locks the open operations of the batch's services, and returns the services whose open
 * operations were all free. The operations first, then the service (renewOne): the order in which
 * an operation's completion takes them, so a sweep queueing a suspension never deadlocks with one
 * finishing; a service whose operation is finishing right now is left to the next sweep.
 */
async function lockOperationsOf(tx: Tx, ids: number[]): Promise<number[]> {
  const where = and(inArray(operations.serviceId, ids), inArray(operations.status, [...OPEN]));
  const open = await tx.select({ id: operations.id, serviceId: operations.serviceId }).from(operations).where(where);
  if (open.length === 0) return ids;
  const locked = new Set((await tx.select({ id: operations.id }).from(operations).where(where).for("update", { skipLocked: true })).map((r) => r.id));
  const busy = new Set(open.filter((o) => !locked.has(o.id)).map((o) => o.serviceId));
  return ids.filter((id) => !busy.has(id));
}

async function renewOne(tx: Tx, serviceId: number, when: When, summary: RenewalSummary): Promise<void> {
  const [row] = await tx
    .select({ service: services, tariffName: tariffs.name, email: clients.email })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(eq(services.id, serviceId))
    .for("update", { of: services });
  if (!row) return;
  const { service } = row;
  const expiresAt = service.expiresAt;
  if ((service.status !== "active" && service.status !== "suspended") || !expiresAt || expiresAt > when.horizon || service.pending === "close") return;
  const key = `${service.id}:${expiresAt.toISOString().slice(0, 10)}`;
  const email = (event: ServiceEmailEvent, reason?: string) => sendEmail(tx, row, event, `${event}:svc:${key}`, when.now, reason);

  if (service.autoRenew) {
    const outcome = await chargeRenewal(tx, service, { at: when.now, actorUserId: null });
    if (outcome.kind === "already") return;
    if (outcome.kind === "renewed") {
      summary.renewed++;
      summary.operationIds.push(...outcome.operationIds);
      return;
    }
    const invoice = outcome.kind === "insufficient" ? await invoiceUnpaid(tx, service, when.now, summary) : "";
    const reason = outcome.kind === "insufficient"
      ? `The balance (${money(outcome.balance, outcome.currency)}) does not cover the renewal (${money(outcome.price, outcome.currency)}).${invoice}`
      : outcome.kind === "currency"
        ? `The tariff is priced in ${outcome.currency}, but the account pays in ${outcome.clientCurrency}.`
        : "The tariff is no longer sold for this period.";
    if (await email("renewal-failed", reason)) summary.failed++;
  } else {
    if (await renewedFor(tx, service)) return;
    await invoiceUnpaid(tx, service, when.now, summary);
    if (expiresAt > when.now && (await email("expiring"))) summary.expiring++;
  }
  if (expiresAt > when.now) return;
  const closeAt = new Date(expiresAt.getTime() + when.graceDays * DAY_MS);
  if (when.now >= closeAt) {
    if (await stop(tx, service, "close", "Not renewed within the grace period; being closed", when.now, summary)) summary.closed++;
  } else if (service.status === "active") {
    if (await stop(tx, service, "suspend", "Not paid by the expiry date; being suspended", when.now, summary)) summary.suspended++;
  }
}

/**
 * The unpaid renewal invoice of the period ending at the service's expiry, issued once: never again
 * for that period, even after it was voided. Returns the sentence the email adds ("" when none).
 */
async function invoiceUnpaid(tx: Tx, service: ServiceRow, at: Date, summary: RenewalSummary): Promise<string> {
  if (await renewalInvoiced(tx, service.id, service.expiresAt!)) return "";
  const quote = await renewalQuote(tx, service);
  if (!quote) return "";
  const invoice = await issueRenewalInvoice(tx, { clientId: service.clientId, serviceId: service.id, expiry: service.expiresAt!, ...quote, at, paid: false });
  await tx.insert(serviceHistory).values({
    serviceId: service.id, fromStatus: service.status, toStatus: service.status, createdAt: at,
    message: `Renewal invoice ${invoiceName(invoice)} issued: ${formatAmount(invoice.amount, invoice.currency)} due ${invoice.dueAt!.toISOString().slice(0, 10)}`,
  });
  summary.invoiced++;
  return ` Invoice ${invoiceName(invoice)} for ${formatAmount(invoice.amount, invoice.currency)} is due on ${invoice.dueAt!.toISOString().slice(0, 10)}: pay it from your invoices (by card or from the balance) and the service is renewed.`;
}

async function stop(tx: Tx, service: ServiceRow, kind: "suspend" | "close", message: string, at: Date, summary: RenewalSummary): Promise<boolean> {
  if (kind === "suspend") {
    const held = await holdSuspension(tx, service, { reason: "non_payment", scope: "service", byUserId: null, at });
    if (!held.held) return false;
    if (held.operationId !== null) summary.operationIds.push(held.operationId);
  } else {
    const op = await enqueueOperation(tx, { serviceId: service.id, kind, params: { reason: "expired" }, runAt: at });
    if (!op.created) return false;
    summary.operationIds.push(op.id);
  }
  await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message, createdAt: at });
  return true;
}

async function sendEmail(
  tx: Tx,
  row: { service: ServiceRow; tariffName: string; email: string },
  event: ServiceEmailEvent,
  dedupeKey: string,
  at: Date,
  reason?: string,
): Promise<boolean> {
  const { service } = row;
  const mail = serviceEmail(
    event,
    { id: service.id, productType: service.productType, tariffName: row.tariffName, details: service.details, secrets: {}, params: service.params, expiresAt: service.expiresAt },
    { reason },
  );
  const queued = await enqueueEmail(tx, { dedupeKey, to: row.email, ...mail, clientId: service.clientId, serviceId: service.id, runAt: at });
  // One NOTIFY per transaction wakes the runners' outbox for every email of the batch.
  if (queued && !notified.has(tx)) {
    notified.add(tx);
    await notifyRunners(tx);
  }
  return queued !== null;
}
