import { done, ModuleError, pending, type Done, type Outcome } from "../contract";
import type { EppSession } from "./client";
import { asciiDomain, notOurs, session, type Ctx } from "./common";
import { addYears, wholeYears, ymd } from "./dates";
import { infoDomain, renewDomain, type DomainInfo } from "./domain";

/**
 * Renewing exactly once per payment (protocols.md §5, "Renew"): the expiry the renewal should reach is known
 * before renew is sent (curExpDate + period by the registry's date rule); info is read before renew and
 * whenever the answer is lost or refused, and tells whether an earlier try already got there.
 */

type Plan = { name: string; from: string; to: string; years: number };

const renewed = (exDate: Date, adopted: boolean, day = ymd(exDate)): Done =>
  done({ expiresAt: exDate, details: { expires_at: day }, ...(adopted ? { adopted } : {}) });

/** This service's registration of the domain, or a final error: renew never touches what is not ours. */
async function ownInfo(ctx: Ctx, s: EppSession, name: string): Promise<DomainInfo> {
  const info = await infoDomain(s, name);
  if (!info) throw new ModuleError("not_found", `The registry does not know ${name}`, false);
  const why = notOurs(ctx, info);
  if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
  return info;
}

/**
 * Done when the domain already runs to the target; the curExpDate to send (the registry's own calendar date)
 * when it still runs to `from`; final otherwise. A date matches as the registry writes it or as its UTC day
 * (a stored expiry is a UTC instant, and a registry may write its exDate with an offset).
 */
async function compare(ctx: Ctx, s: EppSession, plan: Plan): Promise<Done | string> {
  const info = await ownInfo(ctx, s, plan.name);
  const days = info.exDate && info.exDay ? [info.exDay, ymd(info.exDate)] : [];
  if (days.includes(plan.to)) {
    ctx.log.line(`${plan.name} already runs to ${plan.to}: renewed by an earlier try`);
    return renewed(info.exDate!, true, plan.to);
  }
  if (days.includes(plan.from)) return info.exDay!;
  throw new ModuleError("expiry_moved", `${plan.name} runs to ${info.exDay || "an unknown date"}, neither ${plan.from} (before this renewal) nor ${plan.to} (after it): a person checks`, false);
}

/** Registries keep a registration at most this many years ahead of today (RFC 5731 leaves it to policy; 10 at most gTLDs). */
export const MAX_YEARS = 10;

/** A renewal past the registry's maximum is refused before anything is sent, in words the client can act on. */
function withinMaximum(plan: Plan) {
  if (plan.to <= ymd(addYears(new Date(), MAX_YEARS))) return;
  throw new ModuleError("max_years", `${plan.name} can run at most ${MAX_YEARS} years ahead: renewing it to ${plan.to} is more than the registry allows`, false);
}

/** info, then renew while the domain still runs to `from`; a refused curExpDate or a lost answer: info again. */
async function renewOnce(ctx: Ctx, plan: Plan): Promise<Done> {
  withinMaximum(plan);
  try {
    return await session(ctx, async (s) => {
      const already = await compare(ctx, s, plan);
      if (typeof already !== "string") return already;
      try {
        const exDate = await renewDomain(s, plan.name, already, plan.years);
        if (exDate && ymd(exDate) !== plan.to) ctx.log.line(`the registry renewed ${plan.name} to ${ymd(exDate)}, not ${plan.to}`);
        return renewed(exDate ?? new Date(`${plan.to}T00:00:00Z`), false);
      } catch (error) {
        if (!(error instanceof ModuleError) || error.code !== "policy") throw error;
        // A wrong curExpDate is 2306 at some registries and 2004 at others: a parallel try may have renewed.
        const again = await compare(ctx, s, plan);
        if (typeof again !== "string") return again;
        throw error;
      }
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || !error.retryable) throw error;
    ctx.log.line(`the renew answer was lost (${error.code}): reading info`);
    const already = await session(ctx, (s) => compare(ctx, s, plan)).catch(() => null);
    if (already && typeof already !== "string") return already;
    throw error;
  }
}

export async function prolong(ctx: Ctx): Promise<Outcome> {
  const name = asciiDomain(ctx.service.remoteName);
  const years = wholeYears(Number(ctx.params.months ?? ctx.service.months));
  // The expiry this payment extends (the renewal's forExpiry), else the service's: the same on every retry.
  const paidFor = typeof ctx.params.forExpiry === "string" ? new Date(ctx.params.forExpiry) : null;
  const stored = paidFor && !Number.isNaN(paidFor.getTime()) ? paidFor : ctx.service.expiresAt;
  if (stored) return renewOnce(ctx, { name, from: ymd(stored), to: ymd(addYears(stored, years)), years });
  // No stored expiry: the registry's is the start, and the plan is stored as a remote task before renew is
  // sent, so a retry after a lost answer knows the target and never renews twice.
  return session(ctx, async (s) => {
    const info = await ownInfo(ctx, s, name);
    if (!info.exDay) throw new ModuleError("bad_response", `EPP info ${name}: no expiry date`, true);
    // The registry's own calendar date (its exDate may carry an offset): what it compares curExpDate with.
    const plan: Plan = { name, from: info.exDay, to: ymd(addYears(new Date(`${info.exDay}T00:00:00Z`), years)), years };
    ctx.log.line(`no stored expiry: renewing ${name} from the registry's ${plan.from} to ${plan.to}`);
    return pending({ remoteTask: { renew: plan }, pollAfterMs: 1_000 });
  });
}

/** The stored renewal plan. */
export const pollRenew = (ctx: Ctx, plan: Plan): Promise<Done> => renewOnce(ctx, plan);

export const isRenewTask = (task: Record<string, unknown>): task is { renew: Plan } =>
  typeof task.renew === "object" && task.renew !== null && typeof (task.renew as Plan).to === "string";
