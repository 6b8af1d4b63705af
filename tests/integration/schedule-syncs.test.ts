import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { operations, services } from "@/lib/db/schema";
import { scheduleSyncs } from "@/lib/processing/schedule-syncs";
import { readSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff } from "../helpers/factories";

describe("the sync scheduler", () => {
  let database: TestDatabase;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const handler = await makeHandler(db, { module: "manual" });
    const tariff = await makeTariff(db, { handlerIds: [handler.id] });
    const client = await createClient(db);
    const { syncIntervalSeconds } = await readSettings(db);
    const ago = (intervals: number) => new Date(Date.now() - intervals * syncIntervalSeconds * 1000);
    const rows: [string, Partial<typeof services.$inferInsert>][] = [
      ["newest due", { lastSyncedAt: ago(2) }],
      ["oldest due", { lastSyncedAt: ago(9) }],
      ["never synced, updated long ago", { lastSyncedAt: null, updatedAt: ago(5) }],
      ["synced just now", { lastSyncedAt: ago(0.1) }],
      ["closed", { status: "closed", lastSyncedAt: ago(20) }],
      ["no handler yet", { handlerId: null, lastSyncedAt: ago(20) }],
    ];
    for (const [name, values] of rows) {
      const [s] = await db
        .insert(services)
        .values({ clientId: client.id, tariffId: tariff.id, handlerId: handler.id, productType: "hosting", status: "active", remoteName: name.replaceAll(" ", "-"), months: 1, ...values })
        .returning();
      ids[name] = s!.id;
    }
  });
  afterAll(() => database.close());

  const queued = async () => {
    const found = await database.db.select({ serviceId: operations.serviceId }).from(operations).where(and(eq(operations.kind, "sync"), inArray(operations.serviceId, Object.values(ids))));
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return found.map((o) => names[o.serviceId]).sort();
  };

  it("queues the longest-unsynced services first, up to its limit", async () => {
    expect(await scheduleSyncs(database.db, new Date(), 2)).toBe(2);
    expect(await queued()).toEqual(["never synced, updated long ago", "oldest due"]);
  });

  it("then the rest that is due, never a fresh, closed or unbound service, and nothing twice", async () => {
    expect(await scheduleSyncs(database.db, new Date(), 10)).toBe(1);
    expect(await queued()).toEqual(["never synced, updated long ago", "newest due", "oldest due"]);
    expect(await scheduleSyncs(database.db, new Date(), 10)).toBe(0);
  });
});
