import { AsyncLocalStorage } from "node:async_hooks";
import { ModuleError } from "./contract";

/**
 * The claim an attempt runs under, as its worker last wrote it: the time until which no other worker
 * can take the operation over. Every call to a panel checks it before it leaves (http.ts, the vCloud
 * wire, EPP commands): a worker whose lease ran out without it dying (its renewals failed, or its
 * process stalled) sends nothing more, so its late create can never land after another worker has
 * finished the operation and the service has been closed (an object of no live service on the panel).
 * Outside an attempt (connection checks, availability) there is no claim and nothing is checked.
 */
export type LeaseFence = { heldUntil(): number; now(): number };

const store = new AsyncLocalStorage<LeaseFence>();

/** The code of a call the fence refused: no attempt of the operation, which goes back to be claimed again. */
export const LEASE_LOST = "lease_lost";

/** Time the call needs to leave once checked: refused when less than this is left of the lease. */
const MARGIN_MS = 100;

export function withLeaseFence<T>(fence: LeaseFence, work: () => Promise<T>): Promise<T> {
  return store.run(fence, work);
}

/** Throws (retryable) when the attempt's claim may already be another worker's: nothing is sent. */
export function assertLeaseHeld(): void {
  const fence = store.getStore();
  if (!fence) return;
  const left = fence.heldUntil() - fence.now();
  if (left < MARGIN_MS) {
    throw new ModuleError(LEASE_LOST, `This worker's claim on the operation ran out ${left < 0 ? `${-left} ms ago` : "now"}: nothing more is sent to the panel`, true);
  }
}
