import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { operations, tasks } from "@/lib/db/schema";
import { rows } from "@/lib/db/rows";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { closeTask } from "@/lib/services/tasks/close";
import { createOrder } from "@/lib/services/orders/create";
import * as clientsRoute from "@/app/api/v1/clients/route";
import * as creditRoute from "@/app/api/v1/clients/[id]/balance/credit/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import * as payRoute from "@/app/api/v1/orders/[id]/pay/route";
import * as suspendRoute from "@/app/api/v1/services/[id]/suspend/route";
import * as resumeRoute from "@/app/api/v1/services/[id]/resume/route";
import * as closeRoute from "@/app/api/v1/services/[id]/close/route";
import * as renewRoute from "@/app/api/v1/services/[id]/renew/route";
import * as restartRoute from "@/app/api/v1/operations/[id]/restart/route";
import { call, makeKey } from "../helpers/api";
import { badNumbers, drop, longString, malformedBodies, setTo, wrongTypes, type Mutation } from "../helpers/api-fuzz-bodies";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

type Handler = Parameters<typeof call>[0];
type Route = { name: string; handler: Handler; key: "admin" | "client"; id?: () => number; valid: Record<string, unknown>; mutations: Mutation[] };

const BODIES = 1000;
const nul = (s: string) => `${s.slice(0, 1)}\u0000${s.slice(1)}`;

describe("fuzz: malformed bodies on every POST route", () => {
  let database: TestDatabase;
  let tables: string[];
  const keys = {} as Record<"admin" | "client", string>;
  const ids = {} as Record<"client" | "order" | "suspend" | "resume" | "close" | "renew" | "operation" | "tariff", number>;
  const db = () => database.db;

  async function closeOpenTask(serviceId: number) {
    await sweepOperations(db());
    const [task] = await db().select().from(tasks).where(and(eq(tasks.serviceId, serviceId), eq(tasks.status, "new")));
    await closeTask({ ctx: sys(db()), input: { taskId: task!.id, fields: { login: "fuzz" } } });
  }
  async function activeService() {
    const service = await orderAndPay(db(), ids.client, ids.tariff);
    await closeOpenTask(service.id);
    return service.id;
  }
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const t of tables) result[t] = Number((await rows<{ n: number }>(db(), sql.raw(`select count(*)::int as n from "${t}"`)))[0]!.n);
    return result;
  };

  beforeAll(async () => {
    process.env.API_RATE_LIMIT_PER_MIN = "100000000";
    database = await createTestDatabase();
    useAppDatabase(database);
    tables = (await rows<{ t: string }>(db(), sql`select table_name as t from information_schema.tables where table_schema = 'public' order by 1`)).map((r) => r.t);
    const dept = await createDepartment(db());
    const handler = await makeHandler(db(), { module: "manual", departmentId: dept.id });
    ids.tariff = (await makeTariff(db(), { handlerIds: [handler.id], price: 300 })).id;
    ids.client = (await createClient(db(), 10_000_000)).id;
    keys.admin = await makeKey(db(), ["admin"]);
    keys.client = await makeKey(db(), ["orders:write", "services:write"], ids.client);
    ids.order = (await createOrder({ ctx: sys(db()), input: { clientId: ids.client, items: [{ tariffId: ids.tariff, months: 1 }] } })).order.id;
    for (const name of ["suspend", "close", "renew", "resume"] as const) ids[name] = await activeService();
    await requestServiceOperation({ ctx: sys(db()), input: { serviceId: ids.resume, kind: "suspend" } });
    await closeOpenTask(ids.resume);
    const stuck = await orderAndPay(db(), ids.client, ids.tariff);
    await sweepOperations(db());
    ids.operation = (await db().select().from(operations).where(eq(operations.serviceId, stuck.id)))[0]!.id;
  });
  afterAll(async () => {
    delete process.env.API_RATE_LIMIT_PER_MIN;
    releaseAppDatabase();
    await database?.close();
  });

  const text = (max: number) => [...wrongTypes, longString(max + 1), nul("Fuzz name")];
  const routes: Route[] = [
    {
      name: "clients", handler: clientsRoute.POST, key: "admin", valid: { name: "Fuzz Co", email: "fuzz@example.test" },
      mutations: [
        drop("name"), drop("email"), setTo("name", ["A", ...text(100)]), setTo("email", ["nope", "a@", "@b.test", 5, nul("ab@example.test"), ...wrongTypes]),
        setTo("country", ["USA", ...wrongTypes.filter((v) => v !== "" && v !== null)]), setTo("currency", ["US", "EURO", 5, null, true]),
        setTo("password", ["short", 5, longString(201), null]), setTo("company", [5, longString(201), [], {}]), setTo("phone", [longString(51), 7]),
      ],
    },
    {
      name: "balance credit", handler: creditRoute.POST, key: "admin", id: () => ids.client, valid: { amount: 100, note: "fuzz" },
      mutations: [drop("amount"), setTo("amount", [...badNumbers, 100_000_001]), setTo("note", [5, null, true, [], longString(501), nul("Wire transfer")])],
    },
    {
      name: "orders", handler: ordersRoute.POST, key: "client", valid: { items: [{ tariffId: 0, months: 1 }] },
      mutations: [
        drop("items"), setTo("items", [[], "items", 5, null, {}, Array(21).fill({ tariffId: 1, months: 1 }), [[1]], [null]]),
        drop("items.0.tariffId"), setTo("items.0.tariffId", [...badNumbers, 2 ** 31, 999_999]),
        drop("items.0.months"), setTo("items.0.months", [...badNumbers, 2, 5, 7, 48]),
        setTo("items.0.addons", [{ disk: -1 }, { disk: 100_001 }, { disk: "2" }, { disk: 1.5 }, "disk", [1]]),
        setTo("items.0.params", [{ domain: 5 }, { hostname: "bad host!" }, { unknown: 1 }, { os: longString(101) }, { domain: nul("shop.test") }, "p", [1]]),
        setTo("clientId", [-1, 0, "1", 1.5, true, []]), setTo("idempotencyKey", ["short", 5, longString(101), nul("order-key-1")]),
      ],
    },
    { name: "pay", handler: payRoute.POST, key: "client", id: () => ids.order, valid: {}, mutations: [] },
    { name: "suspend", handler: suspendRoute.POST, key: "admin", id: () => ids.suspend, valid: {}, mutations: [] },
    { name: "resume", handler: resumeRoute.POST, key: "admin", id: () => ids.resume, valid: {}, mutations: [] },
    { name: "close", handler: closeRoute.POST, key: "client", id: () => ids.close, valid: {}, mutations: [] },
    { name: "renew", handler: renewRoute.POST, key: "client", id: () => ids.renew, valid: {}, mutations: [] },
    { name: "restart", handler: restartRoute.POST, key: "admin", id: () => ids.operation, valid: {}, mutations: [] },
  ];

  it.each(routes.map((r, i) => [r.name, r, i] as const))("POST %s: 1,000 malformed bodies get 4xx and write nothing", async (_name, route, index) => {
    const valid = route.name === "orders" ? { items: [{ tariffId: ids.tariff, months: 1 }] } : route.valid;
    const params: Record<string, string> = route.id ? { id: String(route.id()) } : {};
    const before = await counts();
    const wrong: { status: number; body: string; answer: string }[] = [];
    const codes = new Set<string>();
    const bodies = malformedBodies(1000 + index, BODIES, valid, route.mutations);
    for (const [i, body] of bodies.entries()) {
      const r = await call(route.handler, "POST", "/fuzz", { key: keys[route.key], rawBody: body, params, idempotencyKey: i % 3 === 0 ? `fuzz-${index}-${i}` : undefined });
      if (r.status < 400 || r.status >= 500) wrong.push({ status: r.status, body: body.slice(0, 300), answer: r.text.slice(0, 300) });
      codes.add(r.json.error?.code ?? "none");
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(codes).toContain("invalid_json");
    expect(codes).toContain("validation");
    expect(codes).toContain("payload_too_large");
    const control = await call(route.handler, "POST", "/fuzz", { key: keys[route.key], body: valid, params });
    expect(control.status, control.text).toBeLessThan(300);
    expect(await counts()).not.toEqual(before);
  });
});
