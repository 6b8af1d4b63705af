import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { rows } from "@/lib/db/rows";
import { claimAndLoad } from "@/lib/processing/claim";
import { runOperation } from "@/lib/processing/run-operation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, queueOpens } from "../helpers/factories";

/** The claim takes a running slot for each operation it can, in the same statement, never more than max running. */
describe("the claim takes running slots", () => {
  let database: TestDatabase;
  let handlerId: number;
  let tariffId: number;
  let clientId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(db(), { module: "manual", maxRunning: 3 });
    handlerId = handler.id;
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id] })).id;
    clientId = (await createClient(db())).id;
    await db().execute(sql`insert into handler_slots (handler_id, slot) select ${handlerId}::int, g from generate_series(1, 3) g`);
  });
  afterAll(() => database.close());

  const queue = (count: number, tag: string) => queueOpens(db(), { clientId, tariffId, count, tag });
  const leased = async () =>
    rows<{ slot: number; operation_id: number }>(db(), sql`select slot, operation_id from handler_slots where handler_id = ${handlerId} and lease_until > now() order by slot`);

  it("gives three of ten claimed operations the handler's three slots, each its own, and binds their services", async () => {
    await queue(10, "first-");
    const claimed = await claimAndLoad(db(), { limit: 10, now: new Date(), leaseMs: 60_000 });
    expect(claimed).toHaveLength(10);
    const slotted = claimed.filter((c) => c.loaded.slot);
    expect(slotted.map((c) => c.loaded.slot!.slot).sort()).toEqual([1, 2, 3]);
    expect(slotted.every((c) => c.loaded.slot!.id === handlerId && c.loaded.slot!.module === "manual")).toBe(true);
    expect((await leased()).map((s) => Number(s.operation_id)).sort()).toEqual(slotted.map((c) => c.lease.id).sort());
    const bound = await rows<{ n: number }>(db(), sql`select count(*)::int as n from services where remote_name like 'first-%' and handler_id = ${handlerId}`);
    expect(Number(bound[0]!.n)).toBe(3);
    const recorded = await rows<{ n: number }>(db(), sql`select count(*)::int as n from operations where handler_id = ${handlerId} and status = 'running'`);
    expect(Number(recorded[0]!.n)).toBe(3);

    // The seven without a slot find the handler busy and go back without an attempt; a slot taken by
    // the claim is given back when its operation does not reach an attempt (here: taken too often).
    for (const c of claimed.filter((c) => !c.loaded.slot)) expect(await runOperation(db(), c.lease, { loaded: c.loaded, busyRetryMs: 0 })).toBe("busy");
    const first = slotted[0]!;
    expect(await runOperation(db(), first.lease, { loaded: first.loaded, maxClaims: 0 })).toBe("worked");
    expect((await leased()).map((s) => Number(s.slot))).toEqual(slotted.slice(1).map((c) => c.loaded.slot!.slot).sort());
  });

  it("claims on their own connections at the same moment never share a slot or exceed max running", async () => {
    await db().execute(sql`update handler_slots set operation_id = null, lease_token = null, lease_until = null where handler_id = ${handlerId}`);
    await db().execute(sql`update operations set status = 'cancelled', lease_token = null where status in ('queued', 'running', 'waiting')`);
    await queue(12, "race-");
    const others: Database[] = [];
    if (database.url) for (let i = 0; i < 3; i++) others.push(await connect({ kind: "postgres", url: database.url, max: 2 }));
    const all = await Promise.all([database, ...others].map((d) => claimAndLoad(d.db, { limit: 4, now: new Date(), leaseMs: 60_000 })));
    const slots = all.flat().filter((c) => c.loaded.slot).map((c) => c.loaded.slot!.slot);
    expect(slots.length).toBeLessThanOrEqual(3);
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots).size).toBe(slots.length);
    expect((await leased()).length).toBe(slots.length);
    await Promise.all(others.map((d) => d.close()));
  });

  it("the claim's lighter commit is its own: the session still commits durably afterwards", async () => {
    await db().execute(sql`update handler_slots set operation_id = null, lease_token = null, lease_until = null where handler_id = ${handlerId}`);
    await db().execute(sql`update operations set status = 'cancelled', lease_token = null where status in ('queued', 'running', 'waiting')`);
    await queue(2, "commit-");
    // One session: on PostgreSQL a pool of one connection; PGlite is one session.
    const one = database.url ? await connect({ kind: "postgres", url: database.url, max: 1 }) : database;
    try {
      expect(await claimAndLoad(one.db, { limit: 2, now: new Date(), leaseMs: 60_000 })).toHaveLength(2);
      const [setting] = await rows<{ synchronous_commit: string }>(one.db, sql`show synchronous_commit`);
      expect(setting!.synchronous_commit).toBe("on");
      const running = await rows<{ n: number }>(db(), sql`select count(*)::int as n from operations o join services s on s.id = o.service_id where s.remote_name like 'commit-%' and o.status = 'running'`);
      expect(Number(running[0]!.n)).toBe(2);
    } finally {
      if (one !== database) await one.close();
    }
  });
});
