import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { operations, services } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { claimOperations } from "@/lib/processing/claim";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

/** A service's operations run one at a time, in the order asked for; nothing but close is asked once close is. */
describe("operations of one service", () => {
  let database: TestDatabase;
  let serviceId: number;
  const claim = () => claimOperations(database.db, { limit: 10, now: new Date(Date.now() + 1000), leaseMs: 60_000 });

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "a", password: "b" } });
    const tariff = await makeTariff(database.db, { handlerIds: [handler.id] });
    const client = await createClient(database.db, 100_000);
    serviceId = (await orderAndPay(database.db, client.id, tariff.id)).id;
    await database.db.update(operations).set({ status: "done", finishedAt: new Date() }).where(eq(operations.serviceId, serviceId));
    await database.db.update(services).set({ status: "active" }).where(eq(services.id, serviceId));
  });
  afterAll(() => database.close());

  it("a suspend asked before a close runs first; the close waits for it; nothing else is asked once close is", async () => {
    const suspend = await requestServiceOperation({ ctx: sys(database.db), input: { serviceId, kind: "suspend" } });
    const close = await requestServiceOperation({ ctx: sys(database.db), input: { serviceId, kind: "close" } });
    const refused = await requestServiceOperation({ ctx: sys(database.db), input: { serviceId, kind: "sync" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/being closed/);

    expect((await claim()).map((c) => c.id)).toEqual([suspend.id]);
    expect(await claim()).toEqual([]);
    await database.db.update(operations).set({ status: "done", leaseToken: null, finishedAt: new Date() }).where(eq(operations.id, suspend.id));
    expect((await claim()).map((c) => c.id)).toEqual([close.id]);
  });
});
