import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailOutbox, operations } from "@/lib/db/schema";
import { deliverEmails, type EmailTransport } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/enqueue";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Ctx } from "@/lib/services/context";
import { countOperationStates } from "@/lib/services/operations/count-states";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { writeSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("the dashboard and Current operations count the work waiting for staff and the mail that does not leave", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator({ username: "admin", password: "right-one-1" });
    ctx = { db: db(), actor: (await createUser(db(), "admin")).actor };
    await writeSettings(db(), { retryIntervalSeconds: 300, maxAttempts: 3 });
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("a set-up that went straight to staff on bad credentials is waiting for staff, not hidden behind 'failing 0'", async () => {
    const departmentId = (await createDepartment(db(), "Hosting support")).id;
    const wrong = await makeHandler(db(), { module: "ispmanager", departmentId, connection: { url: sim.url, username: "admin", password: "wrong-one-1" } });
    const right = await makeHandler(db(), { module: "ispmanager", departmentId, connection: { url: sim.url, username: "admin", password: "right-one-1" } });
    const clientId = (await createClient(db(), 1_000_000)).id;
    const toStaff = await orderAndPay(db(), clientId, (await makeTariff(db(), { handlerIds: [wrong.id] })).id);
    await sweepOperations(db());
    expect((await db().select().from(operations).where(eq(operations.serviceId, toStaff.id)))[0]).toMatchObject({ status: "manual" });
    sim.setFaults({ http500: true });
    await orderAndPay(db(), clientId, (await makeTariff(db(), { handlerIds: [right.id] })).id);
    await sweepOperations(db());
    sim.reset();
    await orderAndPay(db(), clientId, (await makeTariff(db(), { handlerIds: [right.id] })).id);

    const tiles = await dashboardTiles({ ctx });
    expect(tiles).toMatchObject({ failingNow: 1, manualNow: 1 });
    expect(tiles.openTasks.find((d) => d.departmentId === departmentId)).toMatchObject({ open: 1 });
    expect(await countOperationStates({ ctx })).toEqual({ all: 3, allEstimated: false, failing: 1, manual: 1, running: 0, queued: 2, waiting: 0 });
  });

  it("emails the provider refuses are counted while they are retried, and once given up", async () => {
    // The order emails of the test before are out of the way: only the two below are refused.
    await db().update(emailOutbox).set({ status: "sent" }).where(eq(emailOutbox.status, "queued"));
    expect((await dashboardTiles({ ctx })).emails).toEqual({ failed: 0, retrying: 0, keyRefused: false });
    for (const n of [1, 2]) {
      await enqueueEmail(db(), { template: "account-link", props: { purpose: "reset-password", name: "Ada", url: "https://billing.example.test/reset/x" }, to: `ada${n}@example.test`, dedupeKey: `dash:${n}` });
    }
    const refusing: EmailTransport = { name: "resend", send: () => Promise.reject(new Error("Resend 422 validation_error: domain not verified")) };
    await deliverEmails(db(), { transport: refusing });
    expect((await dashboardTiles({ ctx })).emails).toEqual({ failed: 0, retrying: 2, keyRefused: false });
    await db().update(emailOutbox).set({ status: "failed" }).where(eq(emailOutbox.dedupeKey, "dash:1"));
    expect((await dashboardTiles({ ctx })).emails).toEqual({ failed: 1, retrying: 1, keyRefused: false });
  });
});
