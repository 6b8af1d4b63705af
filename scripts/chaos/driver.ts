/**
 * The customers of a chaos run: they keep ordering and paying services of every product type,
 * half through the REST API (the web process, or its route handlers in this process) and half
 * through the store verbs, and ask
 * for suspend, resume, renew and close on what they have. Every refusal is expected and counted.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../../lib/db";
import { services, tariffs } from "../../lib/db/schema";
import type { Ctx } from "../../lib/services/context";
import { createOrder } from "../../lib/services/orders/create";
import { payOrder } from "../../lib/services/orders/pay";
import { renewService } from "../../lib/services/services/renew";
import { requestServiceOperation } from "../../lib/services/services/request-operation";
import { POST as apiCreateOrder } from "../../app/api/v1/orders/route";
import { POST as apiPayOrder } from "../../app/api/v1/orders/[id]/pay/route";
import { POST as apiSuspend } from "../../app/api/v1/services/[id]/suspend/route";
import { POST as apiResume } from "../../app/api/v1/services/[id]/resume/route";
import { POST as apiClose } from "../../app/api/v1/services/[id]/close/route";
import type { Pace } from "./pace";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Driven = { orders: number; paid: number; refused: number; actions: number };

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** A REST call: over HTTP to the web process when there is one, else to the same route handler in this process. */
async function api(web: string | null, route: Route, key: string, path: string, params: Record<string, string>, body?: unknown) {
  const init = {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": `chaos-${crypto.randomUUID()}` },
    body: JSON.stringify(body ?? {}),
  };
  const res = web ? await fetch(`${web}/api/v1${path}`, init) : await route(new Request(`http://chaos.local/api/v1${path}`, init), { params: Promise.resolve(params) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

let serial = 0;
function paramsFor(productType: string, tlds: string[] | null, tag: string): Record<string, unknown> {
  const n = `${tag}${++serial}`;
  if (productType === "domain") return { domain: `chaos-${n}.${tlds?.[0] ?? "com"}` };
  if (productType === "hosting") return { domain: `site-${n}.example.com` };
  if (productType === "vps") return { hostname: `vm-${n}.example.com`, os: "Debian 12" };
  return {};
}

export async function drive(opts: { db: Db; until: number; clientIds: number[]; apiKey: string; loops: number; tag: string; web: string | null; pace?: Pace }): Promise<Driven> {
  const sys: Ctx = { db: opts.db, actor: { type: "system" } };
  const driven: Driven = { orders: 0, paid: 0, refused: 0, actions: 0 };
  const catalog = await opts.db.select().from(tariffs);

  const orderOne = async () => {
    const tariff = pick(catalog);
    const clientId = pick(opts.clientIds);
    const item = { tariffId: tariff.id, months: tariff.productType === "domain" ? 12 : 1, params: paramsFor(tariff.productType, tariff.tlds, opts.tag) };
    let paid: { id: number }[];
    if (Math.random() < 0.5) {
      const created = await api(opts.web, apiCreateOrder, opts.apiKey, "/orders", {}, { clientId, items: [item] });
      driven.orders++;
      const orderId = String((created.order as { id: number }).id);
      const result = await api(opts.web, apiPayOrder, opts.apiKey, `/orders/${orderId}/pay`, { id: orderId });
      paid = result.services as { id: number }[];
    } else {
      const { order } = await createOrder({ ctx: sys, input: { clientId, items: [item] } });
      driven.orders++;
      paid = (await payOrder({ ctx: sys, input: { orderId: order.id } })).services;
    }
    driven.paid += paid.length;
  };

  const actOnOne = async () => {
    const candidates = await opts.db
      .select({ id: services.id, status: services.status })
      .from(services)
      .where(inArray(services.status, ["active", "suspended"]))
      .limit(200);
    if (candidates.length === 0) return;
    const service = pick(candidates);
    const id = String(service.id);
    const roll = Math.random();
    driven.actions++;
    if (roll < 0.15) {
      await renewService({ ctx: sys, input: { serviceId: service.id } });
    } else if (roll < 0.35) {
      await api(opts.web, apiClose, opts.apiKey, `/services/${id}/close`, { id });
    } else if (service.status === "active") {
      if (Math.random() < 0.5) await api(opts.web, apiSuspend, opts.apiKey, `/services/${id}/suspend`, { id });
      else await requestServiceOperation({ ctx: sys, input: { serviceId: service.id, kind: "suspend" } });
    } else {
      if (Math.random() < 0.5) await api(opts.web, apiResume, opts.apiKey, `/services/${id}/resume`, { id });
      else await requestServiceOperation({ ctx: sys, input: { serviceId: service.id, kind: "resume" } });
    }
  };

  const loop = async () => {
    while (Date.now() < opts.until) {
      const order = Math.random() < 0.65;
      // Steady mode: the turn waits for the pace (a share of the measured capacity).
      if (opts.pace && !(await opts.pace.turn(order))) break;
      try {
        if (order) await orderOne();
        else await actOnOne();
      } catch {
        // refused (another operation in progress, a cut connection, …): the check decides what matters
        driven.refused++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.loops }, loop));
  return driven;
}
