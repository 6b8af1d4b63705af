import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { rows } from "@/lib/db/rows";
import { auditLog, operations, services } from "@/lib/db/schema";
import { bulkOperationAction } from "@/lib/services/operations/bulk-act";
import { bulkServiceAction } from "@/lib/services/services/bulk-act";
import type { Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

describe("Bulk actions on services and operations", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let clientId: number;
  let tariffId: number;
  let handlerId: number;
  const db = () => database.db;

  async function addServices(statuses: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const status of statuses) {
      const [row] = await rows<{ id: number }>(db(), sql`insert into services (client_id, tariff_id, handler_id, product_type, status, remote_name, months)
        values (${clientId}::int, ${tariffId}::int, ${handlerId}::int, 'hosting', ${status}, ${`bulk-${Math.random()}`}, 1) returning id`);
      ids.push(Number(row!.id));
    }
    return ids;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    handlerId = (await makeHandler(db(), { module: "manual" })).id;
    tariffId = (await makeTariff(db(), { handlerIds: [handlerId] })).id;
    clientId = (await createClient(db())).id;
  });
  afterAll(async () => database.close());

  it("suspends each service through the single verb, one audit row each, and says why one was refused", async () => {
    const [a, b, c, closed] = await addServices(["active", "active", "active", "closed"]);
    const outcome = await bulkServiceAction({ ctx: admin, input: { action: "suspend", serviceIds: [a, b, c, closed], reason: "abuse", note: "Spam" } });
    expect(outcome.done).toEqual([a, b, c]);
    expect(outcome.refused).toEqual([{ id: closed, why: "A closed service cannot be suspended" }]);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "service.suspend"), inArray(auditLog.entityId, [a!, b!, c!, closed!].map(String))));
    expect(audits.map((r) => (r.after as { reason: string }).reason)).toEqual(["abuse", "abuse", "abuse"]);
    const queued = await db().select().from(operations).where(and(inArray(operations.serviceId, [a!, b!, c!]), eq(operations.kind, "suspend")));
    expect(queued).toHaveLength(3);
  });

  it("asks for a reason to suspend, and refuses clients, empty and oversized selections", async () => {
    const [a] = await addServices(["active"]);
    await expect(bulkServiceAction({ ctx: admin, input: { action: "suspend", serviceIds: [a] } })).rejects.toMatchObject({ code: "validation", fields: { reason: ["Choose why the services are suspended"] } });
    await expect(bulkServiceAction({ ctx: admin, input: { action: "close", serviceIds: [] } })).rejects.toMatchObject({ code: "validation" });
    await expect(bulkServiceAction({ ctx: admin, input: { action: "close", serviceIds: Array.from({ length: 101 }, (_, i) => i + 1) } })).rejects.toMatchObject({ code: "validation" });
    await expect(bulkServiceAction({ ctx: admin, input: { action: "delete", serviceIds: [a] } })).rejects.toMatchObject({ code: "validation" });
    const client = await createUser(db(), "client", { clientId });
    await expect(bulkServiceAction({ ctx: { db: db(), actor: client.actor }, input: { action: "close", serviceIds: [a] } })).rejects.toMatchObject({ code: "forbidden" });
    const [svc] = await db().select().from(services).where(eq(services.id, a!));
    expect(svc!.status).toBe("active");
  });

  it("closes and resumes several services", async () => {
    const [a, b] = await addServices(["active", "suspended"]);
    expect(await bulkServiceAction({ ctx: admin, input: { action: "close", serviceIds: [a, b, a] } })).toEqual({ done: [a, b], refused: [] });
    const [ordered] = await addServices(["ordered"]);
    const resumed = await bulkServiceAction({ ctx: admin, input: { action: "resume", serviceIds: [ordered] } });
    expect(resumed).toEqual({ done: [], refused: [{ id: ordered, why: "A ordered service cannot be resumed" }] });
  });

  it("cancels and restarts operations one by one, refusing the finished ones", async () => {
    const [s1, s2] = await addServices(["active", "active"]);
    const [manual, done] = await rows<{ id: number }>(db(), sql`insert into operations (service_id, kind, status) values (${s1}::int, 'sync', 'manual'), (${s2}::int, 'sync', 'done') returning id`);
    const ids = [Number(manual!.id), Number(done!.id)];
    expect(await bulkOperationAction({ ctx: admin, input: { action: "restart", operationIds: ids } })).toEqual({ done: [ids[0]], refused: [{ id: ids[1], why: "The operation is done and cannot be restarted" }] });
    expect(await bulkOperationAction({ ctx: admin, input: { action: "cancel", operationIds: ids } })).toEqual({ done: [ids[0]], refused: [{ id: ids[1], why: "The operation is already done" }] });
    const audits = await db().select().from(auditLog).where(inArray(auditLog.entityId, ids.map(String)));
    expect(audits.filter((r) => r.entity === "operation").map((r) => r.action).sort()).toEqual(["operation.cancel", "operation.restart"]);
  });
});
