import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db, Tx } from "../db";
import { openOperationStatuses } from "../vocabulary";
import { memoizeReads } from "../db/memo";
import { clients, operations, serviceHistory, services, tariffs } from "../db/schema";
import { systemClock, type Clock } from "../clock";
import { enqueueEmail } from "../email/enqueue";
import type { ServiceEmailEvent } from "../email/service-emails";
import { dispatchOperations } from "../processing/dispatch";
import { enqueueOperation } from "../processing/enqueue";
import { notifyRunners } from "../processing/wake";
import { readSettings } from "../settings";
import { chargeRenewal, renewalQuote, renewedFor } from "../services/services/renew";
import { planBatch, type When } from "./renewal-batch";
import { BatchConflict, writeBatch } from "./renewal-batch-write";
import { notCovered, renewalMail, stopMessages, unpaidInvoiceWords, type RenewalRow } from "./renewal-words";
import { issueRenewalInvoice, renewalInvoiced, voidRenewalsOfClosed } from "./renewal-invoices";
import type { ServiceRow } from "../services/services/load-own";
import { holdSuspension } from "../services/services/suspensions";

const DAY_MS = 86_400_000;

export type RenewalOptions = {
  clock?: Clock;
  /** Renew (or warn) this many days before expiry. */
  daysBefore?: number;
  /** Every service through the one-by-one path (the batch path's reference in tests). */
  oneByOne?: boolean;
};
export type RenewalSummary = {
  renewed: number; failed: number; expiring: number; suspended: number; closed: number; invoiced: number; operationIds: number[];
  /** Of those, the services renewed or invoiced by the batch path (a statement per table for the whole batch). */
  batched: number;
};

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
  const summary: RenewalSummary = { renewed: 0, failed: 0, expiring: 0, suspended: 0, closed: 0, invoiced: 0, operationIds: [], batched: 0 };
  await voidRenewalsOfClosed(db, now);
  const due = await db
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.status, ["active", "suspended"]), isNotNull(services.expiresAt), lte(services.expiresAt, horizon)))
    .orderBy(services.id);
  const when = { now, horizon, graceDays };
  for (let i = 0; i < due.length; i += RENEWAL_BATCH) {
    const ids = due.slice(i, i + RENEWAL_BATCH).map((d) => d.id);
    const left = opts.oneByOne ? ids : await inTransaction(db, summary, async (tx, batch) => renewCommon(tx, await lockOperationsOf(tx, ids), when, batch));
    for (let j = 0; j < left.length; j += ONE_BY_ONE_BATCH) {
      const chunk = left.slice(j, j + ONE_BY_ONE_BATCH);
      await inTransaction(db, summary, async (tx, batch) => {
        for (const id of await lockOperationsOf(tx, chunk)) await renewOne(tx, id, when, batch);
      });
    }
  }
  return summary;
}

/**
 * Due services taken per batch-path transaction (lib/billing/renewal-batch.ts): a statement per
 * table for all of them, the invoice counter held only for the batch's last few statements.
 */
export const RENEWAL_BATCH = 200;

/**
 * The services the batch path leaves, renewed one by one, this many per transaction: a commit per
 * chunk instead of per service, small because each holds the invoice counter from its first
 * invoice to its commit, and every other invoice (a new order's) waits for it meanwhile.
 */
export const ONE_BY_ONE_BATCH = 20;

/**
 * One transaction of the sweep, counted once committed: its prolongs and suspensions go to the
 * runners at once. It reads the settings and tax rates once (it writes neither).
 */
async function inTransaction<T>(db: Db, summary: RenewalSummary, work: (tx: Tx, batch: RenewalSummary) => Promise<T>): Promise<T> {
  const batch: RenewalSummary = { renewed: 0, failed: 0, expiring: 0, suspended: 0, closed: 0, invoiced: 0, operationIds: [], batched: 0 };
  const result = await db.transaction(async (tx) => {
    memoizeReads(tx);
    return work(tx, batch);
  });
  for (const key of ["renewed", "failed", "expiring", "suspended", "closed", "invoiced", "batched"] as const) summary[key] += batch[key];
  summary.operationIds.push(...batch.operationIds);
  await dispatchOperations(batch.operationIds);
  return result;
}

/**
 * The batch's common renewals (lib/billing/renewal-batch.ts) written a statement per table, in a
 * savepoint: a row another transaction made meanwhile rolls it back and leaves the whole batch to
 * the one-by-one path. Returns the services left to that path.
 */
async function renewCommon(tx: Tx, ids: number[], when: When, summary: RenewalSummary): Promise<number[]> {
  try {
    const { rest, result } = await tx.transaction(async (sp) => {
      const { planned, rest } = await planBatch(sp, ids, when);
      return { rest, result: await writeBatch(sp, planned, when.now) };
    });
    for (const key of ["renewed", "failed", "suspended", "invoiced"] as const) summary[key] += result[key];
    summary.batched += result.renewed + result.failed;
    summary.operationIds.push(...result.operationIds);
    return rest;
  } catch (error) {
    if (error instanceof BatchConflict) return ids;
    throw error;
  }
}

/** Transactions of the sweep that already sent their NOTIFY. */
const notified = new WeakSet<Tx>();


/**
 * Locks the open operations of the batch's services, and returns the services whose open
 * operations were all free. The operations first, then the service (renewOne): the order in which
 * an operation's completion takes them, so a sweep queueing a suspension never deadlocks with one
 * finishing; a service whose operation is finishing right now is left to the next sweep.
 */
async function lockOperationsOf(tx: Tx, ids: number[]): Promise<number[]> {
  const where = and(inArray(operations.serviceId, ids), inArray(operations.status, [...openOperationStatuses]));
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
      ? notCovered(outcome.balance, outcome.price, outcome.currency, invoice)
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
    if (await stop(tx, service, "close", stopMessages.close, when.now, summary)) summary.closed++;
  } else if (service.status === "active") {
    if (await stop(tx, service, "suspend", stopMessages.suspend, when.now, summary)) summary.suspended++;
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
  const words = unpaidInvoiceWords(invoice);
  await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, createdAt: at, message: words.history });
  summary.invoiced++;
  return words.sentence;
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

async function sendEmail(tx: Tx, row: RenewalRow, event: ServiceEmailEvent, dedupeKey: string, at: Date, reason?: string): Promise<boolean> {
  const queued = await enqueueEmail(tx, renewalMail(row, event, dedupeKey, at, reason));
  // One NOTIFY per transaction wakes the runners' outbox for every email of the batch.
  if (queued && !notified.has(tx)) {
    notified.add(tx);
    await notifyRunners(tx);
  }
  return queued !== null;
}

