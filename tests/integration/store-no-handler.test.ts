import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { operations, orders, services, tariffs, tasks } from "@/lib/db/schema";
import type { AppError } from "@/lib/errors";
import { sweepOperations } from "@/lib/processing/sweep";
import { listCatalog } from "@/lib/services/catalog/list";
import { isOffSale } from "@/lib/services/catalog/off-sale";
import { quoteItems } from "@/lib/services/catalog/quote";
import type { Actor, Ctx } from "@/lib/services/context";
import { getHandler } from "@/lib/services/handlers/get";
import { setHandlerEnabled } from "@/lib/services/handlers/set-enabled";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTariff } from "@/lib/services/tariffs/create";
import { getTariff } from "@/lib/services/tariffs/get";
import { listPublishedTariffs } from "@/lib/services/tariffs/list-published";
import { listTariffs } from "@/lib/services/tariffs/list";
import { updateTariff } from "@/lib/services/tariffs/update";
import { runUpdateTariff } from "@/app/admin/tariffs/run";
import { lastHandlerWarning } from "@/components/admin/last-handler-warning";
import { noHandlerText } from "@/components/admin/labels";
import * as ordersRoute from "@/app/api/v1/orders/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler } from "../helpers/factories";

const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("a tariff with no enabled processing module", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let client: Actor;
  let clientId: number;
  let servedId: number;
  let offId: number;
  let offHandler: number;
  const db = () => database.db;
  const anon = () => ({ db: db(), actor: { type: "anonymous" } as Actor });
  const orderCount = async () => Number((await db().select({ n: count() }).from(orders))[0]!.n);
  const tariff = (name: string, handlerIds: number[], extra: Record<string, unknown> = {}) =>
    createTariff({ ctx: admin, input: { productType: "other", name, prices: [{ months: 1, price: 700 }], handlerIds, ...extra } });

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    clientId = (await createClient(db(), 100_000)).id;
    client = (await createUser(db(), "client", { clientId })).actor;
    const dept = await createDepartment(db(), "Hand setup");
    const on = await makeHandler(db(), { module: "manual", productType: "other", name: "Always on" });
    offHandler = (await makeHandler(db(), { module: "manual", productType: "other", name: "Switched off", enabled: false, departmentId: dept.id })).id;
    servedId = (await tariff("Served", [on.id])).id;
    offId = (await tariff("Orphaned", [offHandler])).id;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database.close();
  });

  it("is not listed in the store, the catalog API or the quote", async () => {
    expect((await listCatalog({ ctx: anon() })).map((t) => t.name)).toEqual(["Served"]);
    expect(await listCatalog({ ctx: anon(), input: { tariffId: offId } })).toEqual([]);
    expect((await listPublishedTariffs({ ctx: anon() })).map((t) => t.name)).toEqual(["Served"]);
    expect(await fail(quoteItems({ ctx: anon(), input: { items: [{ tariffId: offId, months: 1 }] } }))).toMatchObject({ code: "not_found" });
    // its order page says so; a hidden tariff's page stays unknown
    const hidden = await tariff("Hidden orphan", [offHandler], { published: false });
    const offSale = async (tariffId: number) => isOffSale({ ctx: anon(), input: { tariffId } });
    expect([await offSale(offId), await offSale(servedId), await offSale(hidden.id)]).toEqual([true, false, false]);
  });

  it("refuses an order of it at checkout and through the REST API, creating nothing", async () => {
    const before = await orderCount();
    const refused = await fail(createOrder({ ctx: { db: db(), actor: client }, input: { items: [{ tariffId: servedId, months: 1 }, { tariffId: offId, months: 1 }] } }));
    expect(refused).toMatchObject({ code: "unprocessable", message: "This plan is not on sale right now", details: { code: "not_on_sale", tariffId: offId } });
    const forClient = await fail(createOrder({ ctx: admin, input: { clientId, items: [{ tariffId: offId, months: 1 }] } }));
    expect(forClient).toMatchObject({ message: "This plan is not on sale right now" });
    const key = await makeKey(db(), ["read", "orders:write"], clientId);
    const api = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [{ tariffId: offId, months: 1 }] } });
    expect(api.status).toBe(422);
    expect(api.json.error).toMatchObject({ code: "unprocessable", message: "This plan is not on sale right now", details: { code: "not_on_sale" } });
    expect(await orderCount()).toBe(before);
  });

  it("the admin list and editor flag it by what the store does", async () => {
    const list = await listTariffs({ ctx: admin, input: { productType: "other" } });
    expect(list.map((t) => [t.name, t.noEnabledHandler, t.onSale])).toEqual([["Hidden orphan", true, false], ["Orphaned", true, false], ["Served", false, true]]);
    expect(await getTariff({ ctx: admin, input: { tariffId: offId } })).toMatchObject({ noEnabledHandler: true, onSale: false, sellWithoutHandler: false });
    expect(noHandlerText(false)).toBe("No enabled processing module: the store does not sell it");
    expect(noHandlerText(true)).toBe("No enabled processing module: sold, set up by hand");
  });

  it("with “Sell anyway, set up by hand” it is sold, paid, and its setup becomes a task for staff", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ tariffId: String(offId), name: "Orphaned", "price.1": "7.00", published: "on", sellWithoutHandler: "on", handlerIds: String(offHandler) })) form.set(k, v);
    expect(await runUpdateTariff(admin, form)).toMatchObject({ ok: true });
    expect(await getTariff({ ctx: admin, input: { tariffId: offId } })).toMatchObject({ sellWithoutHandler: true, noEnabledHandler: true, onSale: true });
    expect((await listCatalog({ ctx: anon() })).map((t) => t.name)).toEqual(["Orphaned", "Served"]);

    const { order } = await createOrder({ ctx: { db: db(), actor: client }, input: { items: [{ tariffId: offId, months: 1 }] } });
    const paid = await payOrder({ ctx: { db: db(), actor: client }, input: { orderId: order.id } });
    expect(paid.charged).toBe(true);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(and(eq(operations.serviceId, paid.services[0]!.id), eq(operations.kind, "open")));
    expect(op!.status).toBe("manual");
    const made = await db().select().from(tasks).where(eq(tasks.operationId, op!.id));
    expect(made.map((t) => t.reason)).toEqual(["no_handler"]);
    expect((await db().select().from(services).where(eq(services.id, paid.services[0]!.id)))[0]!.handlerId).toBeNull();

    // switched off again: off the store, and the update verb keeps the choice it is given
    await updateTariff({ ctx: admin, input: { tariffId: offId, name: "Orphaned", prices: [{ months: 1, price: 700 }], handlerIds: [offHandler], sellWithoutHandler: false } });
    expect((await db().select().from(tariffs).where(eq(tariffs.id, offId)))[0]!.sellWithoutHandler).toBe(false);
    expect((await listCatalog({ ctx: anon() })).map((t) => t.name)).toEqual(["Served"]);
  });

  it("the disable confirmation names the tariffs left with no enabled processing module", async () => {
    const a = await makeHandler(db(), { module: "manual", productType: "vps", name: "VM A" });
    const b = await makeHandler(db(), { module: "manual", productType: "vps", name: "VM B" });
    const vps = (name: string, handlerIds: number[], extra: Record<string, unknown> = {}) =>
      createTariff({ ctx: admin, input: { productType: "vps", name, prices: [{ months: 1, price: 100 }], handlerIds, ...extra } });
    await vps("Starter", [a.id]);
    await vps("Pro", [a.id]);
    await vps("Both", [a.id, b.id]);
    await vps("Only B", [b.id]);
    await vps("By hand", [a.id], { sellWithoutHandler: true });
    await vps("Draft", [a.id], { published: false });

    const onA = await getHandler({ ctx: admin, input: { handlerId: a.id } });
    expect(onA.soleHandlerOf.map((t) => t.name)).toEqual(["By hand", "Draft", "Pro", "Starter"]);
    expect(lastHandlerWarning(onA.soleHandlerOf)).toBe(
      "Tariffs Pro and Starter will have no enabled processing module and leave the store. " +
        "Tariff By hand will have no enabled processing module; it stays on sale and staff set up new orders by hand, as tasks. " +
        "Hidden tariff Draft will have no enabled processing module.",
    );
    expect((await getHandler({ ctx: admin, input: { handlerId: b.id } })).soleHandlerOf.map((t) => t.name)).toEqual(["Only B"]);

    // with A disabled, B becomes the last module of "Both" too
    await setHandlerEnabled({ ctx: admin, input: { handlerId: a.id, enabled: false } });
    const onB = await getHandler({ ctx: admin, input: { handlerId: b.id } });
    expect(lastHandlerWarning(onB.soleHandlerOf)).toBe("Tariffs Both and Only B will have no enabled processing module and leave the store.");
    expect((await listCatalog({ ctx: anon(), input: { productType: "vps" } })).map((t) => t.name)).toEqual(["Both", "By hand", "Only B"]);
  });
});
