import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { operations, services } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { getHandler } from "@/lib/services/handlers/get";
import { listHandlers } from "@/lib/services/handlers/list";
import { getOperation } from "@/lib/services/operations/get";
import { restartOperation } from "@/lib/services/operations/restart";
import { attemptCountText, nextTryText, operationState } from "@/lib/services/operations/state";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, queueOpens } from "../helpers/factories";

describe("next try and attempt counts, as people read them", () => {
  const at = new Date("2031-06-15T14:05:00Z");

  it("a near next try reads in seconds, a later one as a UTC clock time, a due one as now", () => {
    expect(nextTryText(at, new Date(at.getTime() - 12_000))).toBe("in 12 s");
    expect(nextTryText(at, new Date(at.getTime() - 11_500))).toBe("in 12 s");
    expect(nextTryText(at, new Date(at.getTime() - 300_000))).toBe("14:05 UTC");
    expect(nextTryText(at, new Date(at.getTime() + 1000))).toBe("now");
    const op = { status: "queued" as const, attempts: 1, lastError: "http_500: down", runAt: at };
    expect(operationState(op, 3, new Date(at.getTime() - 12_000)).detail).toBe("attempt 1 of 3 failed, next try in 12 s");
  });

  it("counts attempts in all and since a restart", () => {
    expect(attemptCountText(2, 2)).toBe("2");
    expect(attemptCountText(1, 4)).toBe("4 in all, 1 since the last restart");
  });
});

describe("operations and processing modules after restarts and closes", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  let handlerId: number;
  let tariffId: number;
  let clientId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    ctx = { db: db(), actor: (await createUser(db(), "admin")).actor };
    handlerId = (await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } })).id;
    tariffId = (await makeTariff(db(), { handlerIds: [handlerId] })).id;
    clientId = (await createClient(db())).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("the operation page lists every attempt and says how many came since the restart", async () => {
    await queueOpens(db(), { clientId, tariffId, count: 1, tag: "restarted" });
    const [op] = await db().select({ id: operations.id }).from(operations).innerJoin(services, eq(services.id, operations.serviceId)).where(like(services.remoteName, "restarted%"));
    sim.setFaults({ http500: true });
    await sweepOperations(db());
    await restartOperation({ ctx, input: { operationId: op!.id } });
    await sweepOperations(db());
    sim.reset();
    const got = await getOperation({ ctx, input: { operationId: op!.id } });
    expect(got.attempts).toHaveLength(2);
    expect(got.operation.attempts).toBe(1);
    expect(attemptCountText(got.operation.attempts, got.attempts.length)).toBe("2 in all, 1 since the last restart");
  });

  it("the processing-module list and page count live services, not closed ones", async () => {
    await queueOpens(db(), { clientId, tariffId, count: 3, tag: "counted" });
    await db().update(services).set({ handlerId }).where(like(services.remoteName, "counted%"));
    await db().update(services).set({ status: "closed" }).where(eq(services.remoteName, "counted1"));
    const live = (await db().select().from(services).where(eq(services.handlerId, handlerId))).filter((s) => s.status !== "closed").length;
    expect(live).toBeGreaterThanOrEqual(2);
    expect((await listHandlers({ ctx })).find((h) => h.id === handlerId)!.services).toBe(live);
    expect((await getHandler({ ctx, input: { handlerId } })).services).toBe(live);
  });
});
