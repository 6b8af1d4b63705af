import type { Db } from "../db";
import type { Done, ModuleError } from "../modules/contract";
import { cancelSetupTx } from "../services/services/cancel-setup";
import { enqueueOperation } from "./enqueue";
import type { LoadedOperation } from "./load";

/**
 * What follows a domain operation beyond its own completion: a change the module asks for next (name servers a
 * registration had to leave out, which then reaches a person), and the refund of a transfer in that ended
 * without the domain (refused, cancelled, timed out, a wrong auth code or a locked domain).
 */

/** Module errors that end a transfer in for good: the client gets the money back, as when an admin cancels a set-up. */
const TRANSFER_ENDED = new Set(["transfer_refused", "transfer_timeout", "transfer_code_wrong", "transfer_locked", "not_registered", "not_offered"]);

export async function queueFollowUp(db: Db, loaded: LoadedOperation, outcome: Done, at: Date): Promise<void> {
  if (!outcome.followUp) return;
  await enqueueOperation(db, { serviceId: loaded.service.id, kind: outcome.followUp.kind, params: outcome.followUp.params, runAt: at });
}

/** A transfer in that cannot happen: the set-up is cancelled and paid money goes back to the balance, with the module's words. */
export async function refundEndedTransfer(db: Db, loaded: LoadedOperation, error: ModuleError, escalated: boolean, at: Date): Promise<boolean> {
  const { operation, service } = loaded;
  if (!escalated || operation.kind !== "open" || !service.params?.transfer || !TRANSFER_ENDED.has(error.code)) return false;
  await db.transaction((tx) => cancelSetupTx(tx, { type: "system" }, { serviceId: service.id, to: "balance", reason: error.message, at }));
  return true;
}
