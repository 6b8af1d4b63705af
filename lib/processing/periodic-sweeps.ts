import type { Db } from "../db";
import type { Clock } from "../clock";
import { runRenewals } from "../billing/renewals";
import { expireUnpaidOrders } from "../billing/expire-orders";
import { queueInvoiceReminders } from "../billing/invoice-reminders";
import { sendTaskDigests } from "../notifications/send-digests";
import { scheduleSyncs } from "./schedule-syncs";

/** One round of the periodic sweeps a runner makes: syncs due, renewals, unpaid orders' expiry, reminders, digests. */
export type PeriodicSweep = (db: Db, clock: Clock) => Promise<void>;

export const periodicSweeps: PeriodicSweep = async (db, clock) => {
  const now = clock.now();
  await scheduleSyncs(db, now);
  await runRenewals(db, { clock });
  await expireUnpaidOrders(db, { clock });
  await queueInvoiceReminders(db, { clock });
  await sendTaskDigests(db, now);
};
