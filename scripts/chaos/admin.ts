/**
 * The admin of a chaos run, beside the customers: every 0.3–1.2 s a plan change (up or down within
 * the product type, on an active service whose module can change tariff) or a refund (pro rata on an
 * active service, now and then all that is left of it); and every 3–8 s a whole client suspended and
 * lifted 2–5 s later. Every refusal is expected and counted; a lift is retried until it is done.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../lib/db";
import { clients, services } from "../../lib/db/schema";
import { refund } from "../../lib/services/balance/refund";
import { suspendClient } from "../../lib/services/clients/suspend";
import type { Ctx } from "../../lib/services/context";
import { changePlan } from "../../lib/services/services/change-plan";
import { quoteChange } from "../../lib/services/services/quote-change";

export type Administered = { planChanges: number; refunds: number; fullRefunds: number; clientSuspensions: number; refused: number; liftErrors: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

async function activeServices(db: Db) {
  return db.select({ id: services.id }).from(services).where(and(eq(services.status, "active"), isNull(services.pending))).limit(300);
}

async function changeOne(sys: Ctx, done: Administered) {
  const candidates = await activeServices(sys.db);
  for (let i = 0; i < 4 && candidates.length > 0; i++) {
    const { id } = pick(candidates);
    const { choices } = await quoteChange({ ctx: sys, input: { serviceId: id } }).catch(() => ({ choices: [] }));
    if (choices.length === 0) continue;
    await changePlan({ ctx: sys, input: { serviceId: id, tariffId: pick(choices).tariffId } });
    done.planChanges++;
    return;
  }
}

async function refundOne(sys: Ctx, done: Administered) {
  const candidates = await activeServices(sys.db);
  if (candidates.length === 0) return;
  const full = Math.random() < 0.2;
  await refund({ ctx: sys, input: { serviceId: pick(candidates).id, mode: full ? "full" : "pro_rata", reason: "Chaos refund" } });
  done.refunds++;
  if (full) done.fullRefunds++;
}

/** Suspends a client, waits 2–5 s, and lifts it (retried through cut connections until it is lifted). */
async function suspendAndLift(sys: Ctx, clientIds: number[], done: Administered) {
  const free = await sys.db.select({ id: clients.id }).from(clients).where(and(inArray(clients.id, clientIds), isNull(clients.suspendedAt)));
  if (free.length === 0) return;
  const clientId = pick(free).id;
  try {
    await suspendClient({ ctx: sys, input: { clientId, suspended: true, reason: "admin", note: "Chaos suspension" } });
    done.clientSuspensions++;
  } catch {
    done.refused++; // a cut connection may still have committed it: the lift below looks
  }
  await sleep(2000 + Math.random() * 3000);
  for (let attempt = 0; ; attempt++) {
    const [row] = await sys.db.select({ at: clients.suspendedAt }).from(clients).where(eq(clients.id, clientId)).catch(() => [{ at: new Date() }]);
    if (row && row.at === null) return;
    try {
      await suspendClient({ ctx: sys, input: { clientId, suspended: false } });
      return;
    } catch (error) {
      if (attempt >= 40) {
        done.liftErrors.push(`client ${clientId} could not be lifted: ${(error as Error).message}`);
        return;
      }
      await sleep(500);
    }
  }
}

export async function administer(opts: { db: Db; until: number; clientIds: number[] }): Promise<Administered> {
  const sys: Ctx = { db: opts.db, actor: { type: "system" } };
  const done: Administered = { planChanges: 0, refunds: 0, fullRefunds: 0, clientSuspensions: 0, refused: 0, liftErrors: [] };
  const money = async () => {
    while (Date.now() < opts.until) {
      try {
        if (Math.random() < 0.5) await changeOne(sys, done);
        else await refundOne(sys, done);
      } catch {
        // refused (the balance short, a change in progress, nothing left to refund, a cut connection …)
        done.refused++;
      }
      await sleep(300 + Math.random() * 900);
    }
  };
  const suspensions = async () => {
    while (Date.now() < opts.until) {
      await sleep(3000 + Math.random() * 5000);
      await suspendAndLift(sys, opts.clientIds, done).catch(() => done.refused++);
    }
  };
  await Promise.all([money(), suspensions()]);
  return done;
}
