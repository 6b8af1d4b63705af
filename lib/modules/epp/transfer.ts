import { done, ModuleError, pending, type Outcome } from "../contract";
import { secret, type EppSession } from "./client";
import { ackMessage, pollMessage, requestTransfer, transferOp, updateDomain, type TransferState } from "./commands";
import { asciiDomain, session, type Ctx } from "./common";
import { wholeYears, ymd } from "./dates";
import { infoDomain } from "./domain";
import { randomAuthInfo } from "./ids";

/**
 * Transferring a domain in (RFC 5731 §3.2.4): a transfer request with the auth code the client got from the
 * current registrar, then the registry's pending period, during which the current registrar may approve or
 * reject; at its end the registry approves by itself (serverApproved). The operation waits as a remote task,
 * reading the poll queue and the transfer's state, until the domain is ours or the transfer has ended without it.
 */

export const LOCK = "clientTransferProhibited";
/** After the registry's pending period, how long the billing still waits before giving up on the transfer. */
const GRACE_MS = 24 * 3_600_000;
const MAX_POLL_MS = 3_600_000;

export type TransferTask = { transfer: string; until?: string };
export const isTransferTask = (task: Record<string, unknown>): task is TransferTask => typeof task.transfer === "string";

/** A transfer order: the order asked for one, with the auth code kept among the service's secrets. */
export const isTransferOrder = (ctx: Ctx) => ctx.service.params.transfer === true || Boolean(ctx.service.secrets.transferCode);

/** Plain words for the end of a transfer that did not bring the domain. */
const ENDED: Record<string, string> = {
  clientRejected: "the current registrar refused the transfer",
  clientCancelled: "the transfer was cancelled",
  serverCancelled: "the registry cancelled the transfer",
};

function waitFor(name: string, t: TransferState): Outcome {
  const until = t.acDate ?? new Date(Date.now() + 5 * 86_400_000);
  const left = Math.max(1_000, Math.min(MAX_POLL_MS, until.getTime() - Date.now()));
  return pending({ remoteTask: { transfer: name, until: until.toISOString() }, pollAfterMs: left });
}

/** The domain is ours now: our own authInfo (the old one was known outside) and the registrar lock, then done. */
async function takeOwnership(ctx: Ctx, s: EppSession, name: string): Promise<Outcome> {
  const info = await infoDomain(s, name);
  if (!info || info.clID !== ctx.connection.username) throw new ModuleError("not_confirmed", `The registry says the transfer of ${name} completed, but the domain is not ours`, true);
  const authInfo = randomAuthInfo();
  secret(ctx.log, authInfo);
  const lock = info.status.includes(LOCK) ? [] : [LOCK];
  await updateDomain(s, name, { authInfo, addStatus: lock });
  const expiresAt = info.exDate;
  const details: Record<string, string> = { domain: name, nameservers: info.ns.join(", "), transfer: "completed", locked: "yes" };
  if (expiresAt) details.expires_at = ymd(expiresAt);
  return done({ remoteId: info.roid || name, details, secrets: { authInfo }, expiresAt });
}

/** What the transfer's state means for the operation. */
async function follow(ctx: Ctx, s: EppSession, name: string, t: TransferState | null): Promise<Outcome> {
  const me = ctx.connection.username;
  if (!t || t.reID !== me) throw new ModuleError("transfer_missing", `The registry has no transfer of ${name} requested by this account`, false);
  if (t.trStatus === "clientApproved" || t.trStatus === "serverApproved") return takeOwnership(ctx, s, name);
  if (t.trStatus !== "pending") {
    throw new ModuleError("transfer_refused", `${name} was not transferred: ${ENDED[t.trStatus] ?? t.trStatus}`, false);
  }
  if (t.acDate && Date.now() > t.acDate.getTime() + GRACE_MS) {
    await transferOp(s, "cancel", name).catch((error: unknown) => ctx.log.line(`transfer cancel failed: ${(error as Error).message}`));
    throw new ModuleError("transfer_timeout", `${name} was not transferred: the registry's pending period ended on ${ymd(t.acDate)} without an answer`, false);
  }
  ctx.log.line(`transfer of ${name} pending until ${t.acDate ? t.acDate.toISOString() : "unknown"}`);
  return waitFor(name, t);
}

/** Reads this account's poll queue, taking off the transfer messages (each transfer's own query stays the truth). */
async function drainQueue(ctx: Ctx, s: EppSession, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    const m = await pollMessage(s);
    if (!m) return;
    ctx.log.line(`poll message ${m.id}: ${m.msg}${m.domain ? ` (${m.domain}: ${m.transfer?.trStatus ?? "?"})` : ""}`);
    if (!m.transfer) return; // Other messages stay for whoever reads them.
    await ackMessage(s, m.id);
  }
}

/** The transfer request, once: a retry after a lost answer finds its own pending transfer by query. */
export async function openTransfer(ctx: Ctx): Promise<Outcome> {
  const name = asciiDomain(ctx.service.remoteName);
  const code = ctx.service.secrets.transferCode;
  if (!code) throw new ModuleError("transfer_code_missing", `The auth code for ${name} is missing: ask the client for the code from the current registrar`, false);
  secret(ctx.log, code);
  const years = wholeYears(ctx.service.months);
  return session(ctx, async (s) => {
    const info = await infoDomain(s, name);
    if (!info) throw new ModuleError("not_registered", `${name} is not registered anywhere: it can be registered, not transferred`, false);
    const earlier = await transferOp(s, "query", name).catch(() => null);
    if (earlier && earlier.reID === ctx.connection.username && (earlier.trStatus === "pending" || info.clID === ctx.connection.username)) {
      ctx.log.line(`a transfer of ${name} by this account is on record (${earlier.trStatus}): following it`);
      return follow(ctx, s, name, earlier);
    }
    if (info.clID === ctx.connection.username) {
      throw new ModuleError("exists_foreign", `${name} is already held by this registrar account, not through a transfer for this service: a person checks`, false);
    }
    try {
      return follow(ctx, s, name, await requestTransfer(s, name, code, years));
    } catch (error) {
      if (!(error instanceof ModuleError)) throw error;
      if (error.code === "authinfo_invalid") throw new ModuleError("transfer_code_wrong", `The auth code for ${name} is not the one the registry holds: ask the client to check it with the current registrar`, false);
      if (error.code === "status_prohibits") throw new ModuleError("transfer_locked", `${name} is locked against transfers at its current registrar: the client unlocks it there first`, false);
      throw error;
    }
  });
}

export async function pollTransfer(ctx: Ctx, task: TransferTask): Promise<Outcome> {
  const name = asciiDomain(task.transfer);
  return session(ctx, async (s) => {
    await drainQueue(ctx, s);
    return follow(ctx, s, name, await transferOp(s, "query", name));
  });
}
