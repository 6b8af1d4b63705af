import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { operations, services, tariffs, tasks, users } from "@/lib/db/schema";
import { seedDemo, demoSignIns } from "@/lib/seed";
import { startDemoSimulatorsOnFreePorts } from "@/lib/demo/simulators";
import type { Simulator } from "@/lib/modules/simulator-server";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { orderAndPay } from "../helpers/factories";
import { testClock } from "../helpers/clock";

describe("demo data", () => {
  let database: TestDatabase;
  let sims: Simulator[];
  const clock = testClock();

  beforeAll(async () => {
    sims = await startDemoSimulatorsOnFreePorts();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await database.close();
    delete process.env.SIMULATOR_BASE_PORT;
  });

  it("loads once into an empty database, with every demo sign-in", async () => {
    expect(await seedDemo(database.db)).toBe(true);
    expect(await seedDemo(database.db)).toBe(false);
    const emails = (await database.db.select().from(users)).map((u) => u.email);
    expect(emails.sort()).toEqual(demoSignIns.map((s) => s.email).sort());
  });

  it("every demo tariff provisions through its simulator (the manual one becomes a task)", async () => {
    const client = (await database.db.select().from(users).where(eq(users.email, "client@provisio.test")))[0]!;
    const all = await database.db.select().from(tariffs);
    expect(new Set(all.map((t) => t.productType))).toEqual(new Set(["hosting", "vps", "domain", "dedicated"]));
    const opened = [];
    for (const t of all) {
      const params = t.productType === "domain" ? { domain: `demo-${t.id}.${t.tlds[0]}` } : t.productType === "vps" ? { hostname: `vm${t.id}.example.test` }
        : t.productType === "hosting" ? { domain: `site-${t.id}.example.test` } : {};
      opened.push(await orderAndPay(database.db, client.clientId!, t.id, { months: t.productType === "domain" ? 12 : 1, params }, clock));
    }
    for (let round = 0; round < 10; round++) {
      await sweepOperations(database.db, { clock });
      clock.advance(20 * 60);
    }
    for (const s of opened) {
      const [row] = await database.db.select().from(services).where(eq(services.id, s.id));
      if (row!.productType === "dedicated") {
        const [op] = await database.db.select().from(operations).where(eq(operations.serviceId, s.id));
        expect((await database.db.select().from(tasks).where(eq(tasks.operationId, op!.id)))[0]!.reason).toBe("manual_handler");
      } else {
        expect({ id: s.id, type: row!.productType, status: row!.status }).toEqual({ id: s.id, type: row!.productType, status: "active" });
      }
    }
  });
});
