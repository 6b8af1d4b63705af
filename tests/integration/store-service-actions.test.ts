import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { operations, serviceHistory, services, tasks } from "@/lib/db/schema";
import { getService } from "@/lib/services/services/get";
import { requestClose } from "@/lib/services/services/request-close";
import { withdrawClose } from "@/lib/services/services/withdraw-close";
import { closeTask } from "@/lib/services/tasks/close";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";
import { testClock } from "../helpers/clock";

describe("service actions a client sees: renewal price and expiry, withdrawing a close, history in client words", () => {
  let database: TestDatabase;
  let tariffId: number;
  let departmentId: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    departmentId = (await createDepartment(db())).id;
    const handler = await makeHandler(db(), { module: "manual", departmentId });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 500 })).id;
  });
  afterAll(async () => database.close());

  const newClient = async () => {
    const client = await createClient(db(), 100_000);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor, clock } };
  };
  /** A manual service made active by staff closing its task, with an internal note and a line for the client. */
  const activeService = async (clientId: number) => {
    const s = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await sweepOperations(db(), { clock });
    const [op] = await db().select().from(operations).where(eq(operations.serviceId, s.id));
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, op!.id));
    const { actor: staff } = await createUser(db(), "staff", { departmentId });
    await closeTask({ ctx: { db: db(), actor: staff, clock }, input: { taskId: task!.id, fields: {}, note: "Panel 3 was down, created on panel 4 with ticket #991", clientMessage: "Your service is ready" } });
    return s.id;
  };

  it("keeps staff notes out of the client's history and shows staff the note", async () => {
    const { clientId, ctx } = await newClient();
    const serviceId = await activeService(clientId);
    const mine = await getService({ ctx, input: { serviceId } });
    expect(mine.status).toBe("active");
    expect(mine.history.map((h) => h.message)).toEqual(["Your service is ready", "Paid; being set up"]);
    expect(JSON.stringify(mine.history)).not.toContain("ticket #991");
    const { actor: admin } = await createUser(db(), "admin");
    const staffView = await getService({ ctx: { db: db(), actor: admin }, input: { serviceId } });
    expect(staffView.history[0]!.staffNote).toBe("Done by staff: Panel 3 was down, created on panel 4 with ticket #991");
    await db().insert(serviceHistory).values({ serviceId, toStatus: "active", message: "", staffNote: "Drift found by sync" });
    expect((await getService({ ctx, input: { serviceId } })).history).toHaveLength(2);
    expect((await getService({ ctx: { db: db(), actor: admin }, input: { serviceId } })).history).toHaveLength(3);
  });

  it("quotes a renewal with its price and the new expiry", async () => {
    const { clientId, ctx } = await newClient();
    const serviceId = await activeService(clientId);
    const service = await getService({ ctx, input: { serviceId } });
    expect(service.expiresAt?.toISOString()).toBe("2026-04-01T10:00:00.000Z");
    expect(service.renewal).toMatchObject({ months: 1, price: 500, currency: "USD" });
    expect(service.renewal!.newExpiry.toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });

  it("a close request can be withdrawn until it runs: no renewal offered meanwhile, and the service stays", async () => {
    const { clientId, ctx } = await newClient();
    const serviceId = await activeService(clientId);
    await requestClose({ ctx, input: { serviceId } });
    const closing = await getService({ ctx, input: { serviceId } });
    expect(closing).toMatchObject({ pending: "close", renewal: null, close: { withdrawable: true }, autoRenew: false });
    await withdrawClose({ ctx, input: { serviceId } });
    const kept = await getService({ ctx, input: { serviceId } });
    expect(kept).toMatchObject({ status: "active", pending: null, close: null });
    expect(kept.renewal).not.toBeNull();
    expect(kept.history[0]!.message).toBe("Close request withdrawn; the service stays");
    const [op] = await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "close")));
    expect(op!.status).toBe("cancelled");
    await expect(withdrawClose({ ctx, input: { serviceId } })).rejects.toMatchObject({ message: "There is no close request to withdraw" });

    const other = await newClient();
    await requestClose({ ctx, input: { serviceId } });
    await expect(withdrawClose({ ctx: other.ctx, input: { serviceId } })).rejects.toMatchObject({ code: "not_found" });
    await db().update(operations).set({ status: "running" }).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "close"), eq(operations.status, "queued")));
    expect((await getService({ ctx, input: { serviceId } })).close).toMatchObject({ withdrawable: false });
    await expect(withdrawClose({ ctx, input: { serviceId } })).rejects.toMatchObject({ message: "Closing has already started and can no longer be withdrawn" });
    expect((await db().select().from(services).where(eq(services.id, serviceId)))[0]!.pending).toBe("close");
  });
});
