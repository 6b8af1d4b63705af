import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, clients, operations, services } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { suspendClient } from "@/lib/services/clients/suspend";
import { createOrder } from "@/lib/services/orders/create";
import { runSuspendClient } from "@/app/admin/clients/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("suspending a client", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    tariffId = (await makeTariff(db(), { handlerIds: [(await makeHandler(db(), { module: "manual" })).id] })).id;
  });
  afterAll(async () => database.close());

  const opsOf = (ids: number[], kind: "suspend" | "resume") =>
    db().select({ serviceId: operations.serviceId }).from(operations).where(and(inArray(operations.serviceId, ids), eq(operations.kind, kind)));

  it("suspends active services through the engine, refuses new orders, and lifting it resumes them", async () => {
    const client = await createClient(db(), 100_000);
    const other = await createClient(db(), 100_000);
    const [a, b, pending] = [await orderAndPay(db(), client.id, tariffId), await orderAndPay(db(), client.id, tariffId), await orderAndPay(db(), client.id, tariffId)];
    const foreign = await orderAndPay(db(), other.id, tariffId);
    await db().update(services).set({ status: "active" }).where(inArray(services.id, [a.id, b.id, foreign.id]));
    const clientUser = await createUser(db(), "client", { clientId: client.id });

    expect(await runSuspendClient(admin, form({ clientId: String(client.id), suspended: "true" }))).toMatchObject({ fields: { reason: ["Choose why the client is suspended"] } });
    const state = await runSuspendClient(admin, form({ clientId: String(client.id), suspended: "true", reason: "abuse" }));
    expect(state).toMatchObject({ ok: true, message: "Suspended: 2 services are being suspended; new orders are refused." });
    expect((await opsOf([a.id, b.id, pending.id, foreign.id], "suspend")).map((o) => o.serviceId).sort()).toEqual([a.id, b.id].sort());
    expect((await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.suspendedAt).toBeInstanceOf(Date);

    const refused = await fail(createOrder({ ctx: { db: db(), actor: clientUser.actor }, input: { items: [{ tariffId, months: 1 }] } }));
    expect(refused).toMatchObject({ code: "unprocessable", message: expect.stringContaining("suspended") });
    expect(await fail(createOrder({ ctx: { db: db(), actor: admin.actor }, input: { clientId: other.id, items: [{ tariffId, months: 1 }] } }))).toBeNull();
    expect(await fail(suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true } }))).toMatchObject({ code: "conflict" });

    // the engine suspends them; lifting the suspension resumes both
    await db().update(operations).set({ status: "done" }).where(eq(operations.kind, "suspend"));
    await db().update(services).set({ status: "suspended", pending: null }).where(inArray(services.id, [a.id, b.id]));
    const lifted = await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: false } });
    expect(lifted.operationIds).toHaveLength(2);
    expect((await opsOf([a.id, b.id, foreign.id], "resume")).map((o) => o.serviceId).sort()).toEqual([a.id, b.id].sort());
    expect(await fail(createOrder({ ctx: { db: db(), actor: clientUser.actor }, input: { items: [{ tariffId, months: 1 }] } }))).toBeNull();
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "client"), eq(auditLog.entityId, String(client.id)), inArray(auditLog.action, ["client.suspend", "client.unsuspend"])));
    expect(audits.map((r) => r.action)).toEqual(["client.suspend", "client.unsuspend"]);
  });

  it("is for admins only", async () => {
    const client = await createClient(db());
    const staff = await createUser(db(), "staff");
    expect(await fail(suspendClient({ ctx: { db: db(), actor: staff.actor }, input: { clientId: client.id, suspended: true } }))).toMatchObject({ code: "forbidden" });
    expect((await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.suspendedAt).toBeNull();
  });
});
