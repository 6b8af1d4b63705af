import { done, ModuleError, pending, type Done, type Outcome } from "../contract";
import type { EppSession } from "./client";
import { asciiDomain, confirmed, notOurs, session, type Ctx } from "./common";
import { addYears, wholeYears, ymd } from "./dates";
import { infoDomain, renewDomain } from "./domain";

/**
 * Renewing exactly once per payment (protocols.md §5, "Renew"): the expiry the renewal should reach is known
 * before renew is sent (curExpDate + period by the registry's date rule), and whenever the answer is lost or
 * refused, info tells whether an earlier try already got there.
 */

type Plan = { name: string; from: string; to: string; years: number };

const renewed = (exDate: Date, adopted: boolean): Done =>
  done({ expiresAt: exDate, details: { expires_at: ymd(exDate) }, ...(adopted ? { adopted } : {}) });

/** Reads info and compares: done when the domain already runs to the target, null when it still runs to `from`. */
async function compare(ctx: Ctx, s: EppSession, plan: Plan): Promise<Done | null> {
  const info = await infoDomain(s, plan.name);
  if (!info) throw new ModuleError("not_found", `The registry does not know ${plan.name}`, false);
  if (info.clID !== ctx.connection.username) throw new ModuleError("exists_foreign", `${plan.name} is held by another registrar (${info.clID})`, false);
  const current = info.exDate ? ymd(info.exDate) : "";
  if (current === plan.to) {
    ctx.log.line(`${plan.name} already runs to ${plan.to}: renewed by an earlier try`);
    return renewed(info.exDate!, true);
  }
  if (current === plan.from) return null;
  throw new ModuleError("expiry_moved", `${plan.name} runs to ${current || "an unknown date"}, neither ${plan.from} (before this renewal) nor ${plan.to} (after it): a person checks`, false);
}

/** Sends renew once; on a refused curExpDate or a lost answer, info decides (a fresh session if the first one died). */
async function renewOnce(ctx: Ctx, plan: Plan, checkFirst: boolean): Promise<Done> {
  try {
    return await session(ctx, async (s) => {
      if (checkFirst) {
        const already = await compare(ctx, s, plan);
        if (already) return already;
      }
      try {
        const exDate = await renewDomain(s, plan.name, plan.from, plan.years);
        if (exDate && ymd(exDate) !== plan.to) ctx.log.line(`the registry renewed ${plan.name} to ${ymd(exDate)}, not ${plan.to}`);
        return renewed(exDate ?? new Date(`${plan.to}T00:00:00Z`), false);
      } catch (error) {
        if (!(error instanceof ModuleError) || error.code !== "policy") throw error;
        // A wrong curExpDate is 2306 at some registries and 2004 at others: an earlier try may have renewed.
        const already = await compare(ctx, s, plan);
        if (already) return already;
        throw error;
      }
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || !error.retryable) throw error;
    ctx.log.line(`the renew answer was lost (${error.code}): reading info`);
    const already = await session(ctx, (s) => compare(ctx, s, plan)).catch(() => null);
    if (already) return already;
    throw error;
  }
}

export async function prolong(ctx: Ctx): Promise<Outcome> {
  const name = asciiDomain(ctx.service.remoteName);
  const years = wholeYears(Number(ctx.params.months ?? ctx.service.months));
  const stored = ctx.service.expiresAt;
  if (stored && confirmed(ctx, name)) {
    return renewOnce(ctx, { name, from: ymd(stored), to: ymd(addYears(stored, years)), years }, false);
  }
  // No stored expiry (or a domain this service never confirmed): the registry's expiry is the start, read and
  // proven ours first, and the plan is stored as a remote task before renew is sent, so a retry never renews twice.
  return session(ctx, async (s) => {
    const info = await infoDomain(s, name);
    if (!info) throw new ModuleError("not_found", `The registry does not know ${name}`, false);
    const why = confirmed(ctx, name) ? (info.clID === ctx.connection.username ? null : `held by another registrar (${info.clID})`) : notOurs(ctx, info);
    if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
    if (!info.exDate) throw new ModuleError("bad_response", `EPP info ${name}: no expiry date`, true);
    const plan: Plan = { name, from: ymd(info.exDate), to: ymd(addYears(info.exDate, years)), years };
    ctx.log.line(`no stored expiry: renewing ${name} from the registry's ${plan.from} to ${plan.to}`);
    return pending({ remoteTask: { renew: plan }, remoteId: name, pollAfterMs: 1_000 });
  });
}

/** The stored renewal plan: info first, renew only while the domain still runs to `from`. */
export function pollRenew(ctx: Ctx, plan: Plan): Promise<Done> {
  return renewOnce(ctx, plan, true);
}

export const isRenewTask = (task: Record<string, unknown>): task is { renew: Plan } =>
  typeof task.renew === "object" && task.renew !== null && typeof (task.renew as Plan).to === "string";
