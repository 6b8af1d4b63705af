import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailOutbox, operations, serviceHistory, services } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { writeSettings } from "@/lib/settings";
import { provisionOperation } from "@/jobs/provision-operation";
import { sweep, syncServices } from "@/jobs/sweep-operations";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("Trigger.dev jobs, run locally against the database", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let tariffId: number;
  let clientId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    clientId = (await createClient(database.db, 1_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });
  const db = () => database.db;

  it("provision-operation runs the operation it was triggered for, and only that one", async () => {
    const a = await orderAndPay(db(), clientId, tariffId);
    const b = await orderAndPay(db(), clientId, tariffId);
    const [opA] = await db().select().from(operations).where(eq(operations.serviceId, a.id));
    expect(await provisionOperation(db(), { operationId: opA!.id })).toEqual({ ran: 1 });
    expect((await db().select().from(services).where(eq(services.id, a.id)))[0]!.status).toBe("active");
    expect((await db().select().from(services).where(eq(services.id, b.id)))[0]!.status).toBe("processing");
    expect(await provisionOperation(db(), { operationId: opA!.id })).toEqual({ ran: 0 });
    expect((await sweep(db())).ran).toBe(1);
    expect((await db().select().from(services).where(eq(services.id, b.id)))[0]!.status).toBe("active");
  });

  it("deliver-outbox sends the queued welcome emails once", async () => {
    const first = await deliverOutbox(db());
    // The two welcome emails, and each of the two orders' confirmation, invoice and receipt.
    expect(first.sent).toBe(8);
    expect((await deliverOutbox(db())).sent).toBe(0);
    const sent = await db().select().from(emailOutbox).where(eq(emailOutbox.status, "sent"));
    expect(sent).toHaveLength(8);
    expect(sent.filter((e) => e.template.startsWith("welcome-"))).toHaveLength(2);
  });

  it("sync-services finds drift on the panel and records it in the history", async () => {
    await writeSettings(db(), { syncIntervalSeconds: 60 });
    const [svc] = await db().select().from(services).limit(1);
    await db().update(services).set({ updatedAt: new Date(Date.now() - 3600_000) }).where(eq(services.id, svc!.id));
    sim.state.users[svc!.remoteName]!.active = false;
    const result = await syncServices(db());
    expect(result.queued).toBeGreaterThanOrEqual(1);
    const [syncOp] = await db().select().from(operations).where(and(eq(operations.serviceId, svc!.id), eq(operations.kind, "sync")));
    expect(syncOp!.status).toBe("done");
    const history = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, svc!.id));
    expect(history.at(-1)!).toMatchObject({ message: "", staffNote: expect.stringMatching(/Drift found by sync: the panel says the service is suspended/) });
    expect((await db().select().from(services).where(eq(services.id, svc!.id)))[0]!.lastSyncedAt).not.toBeNull();
  });
});
