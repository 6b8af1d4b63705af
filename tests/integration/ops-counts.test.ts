import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { operations, tasks } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { listClients } from "@/lib/services/clients/list";
import { listDepartments } from "@/lib/services/departments/list";
import { listTariffs } from "@/lib/services/tariffs/list";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/** Counts in the admin lists: each row counts its own services, handlers and open tasks. */
describe("admin list counts with several clients, tariffs and departments", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  const ids = { clients: [] as number[], tariffs: [] as number[], departments: [] as number[] };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    ctx = { db, actor: (await createUser(db, "admin")).actor };
    const [support, domains, empty] = [await createDepartment(db), await createDepartment(db), await createDepartment(db)];
    ids.departments = [support.id, domains.id, empty.id];
    // support: 3 handlers, domains: 1, empty: none
    const h1 = await makeHandler(db, { module: "manual", departmentId: support.id });
    await makeHandler(db, { module: "manual", departmentId: support.id });
    await makeHandler(db, { module: "manual", departmentId: support.id });
    const h4 = await makeHandler(db, { module: "manual", departmentId: domains.id });
    const t1 = await makeTariff(db, { handlerIds: [h1.id] });
    const t2 = await makeTariff(db, { handlerIds: [h4.id] });
    const t3 = await makeTariff(db, { handlerIds: [h1.id] });
    ids.tariffs = [t1.id, t2.id, t3.id];
    const c1 = await createClient(db, 100_000);
    const c2 = await createClient(db, 100_000);
    const c3 = await createClient(db, 100_000);
    ids.clients = [c1.id, c2.id, c3.id];
    // c1: 3 services (t1, t1, t2), c2: 1 (t2), c3: none. t1: 2, t2: 2, t3: 0.
    const sold = [
      [c1.id, t1.id, support.id],
      [c1.id, t1.id, support.id],
      [c1.id, t2.id, domains.id],
      [c2.id, t2.id, support.id],
    ] as const;
    let n = 0;
    for (const [clientId, tariffId, departmentId] of sold) {
      const service = await orderAndPay(db, clientId, tariffId);
      const [op] = await db.select().from(operations).where(eq(operations.serviceId, service.id));
      // support: 3 tasks, one of them done (not open); domains: 1 open task
      await db.insert(tasks).values({ operationId: op!.id, serviceId: service.id, departmentId, reason: "manual_handler", status: n++ === 1 ? "done" : "new" });
    }
  });
  afterAll(async () => database.close());

  it("counts each client's own services", async () => {
    const { items } = await listClients({ ctx, input: { limit: 200 } });
    const services = Object.fromEntries(items.map((c) => [c.id, c.services]));
    expect(ids.clients.map((id) => services[id])).toEqual([3, 1, 0]);
  });

  it("counts each tariff's own services", async () => {
    const list = await listTariffs({ ctx });
    const services = Object.fromEntries(list.map((t) => [t.id, t.services]));
    expect(ids.tariffs.map((id) => services[id])).toEqual([2, 2, 0]);
  });

  it("counts each department's handlers and open tasks", async () => {
    const { departments } = await listDepartments({ ctx });
    const byId = Object.fromEntries(departments.map((d) => [d.id, [d.handlers, d.openTasks]]));
    expect(ids.departments.map((id) => byId[id])).toEqual([[3, 2], [1, 1], [0, 0]]);
  });
});
