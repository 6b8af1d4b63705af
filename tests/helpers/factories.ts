import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { clients, departmentMembers, departments, users } from "@/lib/db/schema";
import type { ModuleKind, ProductType, Role } from "@/lib/vocabulary";
import { hashPassword } from "@/lib/auth/password";
import type { Clock } from "@/lib/clock";
import type { Actor, Ctx } from "@/lib/services/context";
import { creditBalance } from "@/lib/services/balance/credit";
import { createHandler } from "@/lib/services/handlers/create";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTariff } from "@/lib/services/tariffs/create";

export const system: Actor = { type: "system" };
export const sys = (db: Db, clock?: Clock): Ctx => ({ db, actor: system, clock });

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

/** A fresh site domain, for items of tariffs whose modules need one (hosting on ISPmanager, cPanel). */
export const siteDomain = () => `${unique("site")}.example.test`;

export async function createClient(db: Db, balance = 0) {
  const [client] = await db.insert(clients).values({ name: unique("Client"), email: `${unique("client")}@example.test` }).returning();
  if (balance > 0) await creditBalance({ ctx: sys(db), input: { clientId: client!.id, amount: balance } });
  return (await db.select().from(clients).where(eq(clients.id, client!.id)))[0]!;
}

export async function createUser(db: Db, role: Role, opts: { clientId?: number; departmentId?: number; password?: string } = {}) {
  const clientId = role === "client" ? (opts.clientId ?? (await createClient(db)).id) : null;
  const [user] = await db
    .insert(users)
    .values({ email: `${unique(role)}@example.test`, name: unique(role), role, clientId, passwordHash: await hashPassword(opts.password ?? "password-123456") })
    .returning();
  if (opts.departmentId) await db.insert(departmentMembers).values({ departmentId: opts.departmentId, userId: user!.id });
  const actor: Actor = { type: "user", userId: user!.id, role, clientId };
  return { user: user!, actor };
}

export async function createDepartment(db: Db, name = unique("Department")) {
  const [d] = await db.insert(departments).values({ name }).returning();
  return d!;
}

export async function createHandler_(db: Db, input: { module: ModuleKind; productType?: ProductType; connection?: Record<string, unknown>; departmentId?: number | null; priority?: number; maxRunning?: number; enabled?: boolean; name?: string }) {
  return createHandler({
    ctx: sys(db),
    input: { name: input.name ?? unique(input.module), productType: input.productType ?? "hosting", ...input },
  });
}
export { createHandler_ as makeHandler };

/** A dedicated-server tariff at 99.00 set up by hand (a "Manual setup" handler): the money tests' plain product. */
export async function makeManualTariff(db: Db): Promise<number> {
  const handler = await createHandler_(db, { module: "manual", productType: "dedicated" });
  return (await makeTariff(db, { handlerIds: [handler.id], price: 9900, productType: "dedicated", template: null })).id;
}

export async function makeTariff(db: Db, input: { handlerIds: number[]; productType?: ProductType; template?: string | null; price?: number; resources?: unknown[]; tlds?: string[] }) {
  return createTariff({
    ctx: sys(db),
    input: {
      productType: input.productType ?? "hosting",
      name: unique("Tariff"),
      template: input.template === undefined ? "StarterPack" : input.template,
      prices: [{ months: 1, price: input.price ?? 500 }, { months: 12, price: (input.price ?? 500) * 10 }],
      resources: input.resources ?? [{ key: "disk", label: "Disk", unit: "GiB", amount: 1, addon: true, maxExtra: 10, unitPrice: 100 }],
      tlds: input.tlds ?? [],
      handlerIds: input.handlerIds,
    },
  });
}

/** Creates and pays an order of one item; returns the service it opened. */
export async function orderAndPay(db: Db, clientId: number, tariffId: number, item: { months?: number; addons?: Record<string, number>; params?: Record<string, unknown> } = {}, clock?: Clock) {
  const params = item.params ?? { domain: siteDomain() };
  const { order } = await createOrder({ ctx: sys(db, clock), input: { clientId, items: [{ tariffId, months: item.months ?? 1, addons: item.addons ?? {}, params }] } });
  const paid = await payOrder({ ctx: sys(db, clock), input: { orderId: order.id } });
  return paid.services[0]!;
}

/** Inserts `count` ordered services named `${tag}1…` with an open operation each, due a second ago. */
export async function queueOpens(db: Db, input: { clientId: number; tariffId: number; count: number; tag: string }) {
  await db.execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, months)
    select ${input.clientId}::int, ${input.tariffId}::int, 'hosting', 'ordered', ${input.tag} || g, 1 from generate_series(1, ${input.count}::int) g`);
  await db.execute(sql`insert into operations (service_id, kind, run_at) select id, 'open', now() - interval '1 second' from services where remote_name like ${`${input.tag}%`}`);
}
