import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/rows";
import { claimAndLoad } from "@/lib/processing/claim";
import type { Completion } from "@/lib/processing/complete";
import { completeTogether } from "@/lib/processing/complete-together";
import { completingService } from "@/lib/processing/load";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, queueOpens } from "../helpers/factories";

/** Completions finishing together share a transaction; a lone one is written at once; a bad one fails alone. */
describe("completions written together", () => {
  let database: TestDatabase;
  let handlerId: number;
  let tariffId: number;
  let clientId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    handlerId = (await makeHandler(db(), { module: "manual", maxRunning: 20 })).id;
    tariffId = (await makeTariff(db(), { handlerIds: [handlerId] })).id;
    clientId = (await createClient(db())).id;
    await db().execute(sql`insert into handler_slots (handler_id, slot) select ${handlerId}::int, g from generate_series(1, 20) g`);
  });
  afterAll(() => database.close());

  /** Queues `count` open operations on new services and claims them, with their slots. */
  const claim = async (count: number, tag: string) => {
    await queueOpens(db(), { clientId, tariffId, count, tag });
    const claimed = await claimAndLoad(db(), { limit: count, now: new Date(), leaseMs: 60_000 });
    expect(claimed.every((c) => c.loaded.slot)).toBe(true);
    return claimed.map(({ lease, loaded }): Completion => ({
      operation: loaded.operation,
      service: completingService(loaded, {}),
      fence: { leaseToken: lease.leaseToken },
      by: "module",
      attempt: { handlerId, slot: loaded.slot!.slot, log: `done ${loaded.service.remoteName}`, startedAt: new Date() },
      remoteId: `r-${loaded.service.remoteName}`,
      now: new Date(),
    }));
  };
  /** The transaction that last wrote each operation's row. */
  const writers = async (ids: number[]) =>
    rows<{ id: number; xmin: string; status: string }>(db(), sql`select id, xmin::text as xmin, status from operations where id in ${ids} order by id`);

  it("writes the first alone and those gathered behind it in one transaction, each with its own result", async () => {
    const completions = await claim(6, "together-");
    const complete = completeTogether(db(), 1);
    const results = await Promise.all(completions.map((c) => complete(c)));
    expect(results.every((r) => r !== null && r.attempt === 1 && r.attemptId !== null)).toBe(true);
    expect(new Set(results.map((r) => r!.attemptId)).size).toBe(6);
    const written = await writers(completions.map((c) => c.operation.id));
    expect(written.every((w) => w.status === "done")).toBe(true);
    const byTx = new Map<string, number>();
    for (const w of written) byTx.set(w.xmin, (byTx.get(w.xmin) ?? 0) + 1);
    // The first went at once; the five behind it shared one commit.
    expect([...byTx.values()].sort()).toEqual([1, 5]);
    const services = await rows<{ status: string; remote_id: string }>(db(), sql`select status, remote_id from services where remote_name like 'together-%'`);
    expect(services.every((s) => s.status === "active" && s.remote_id.startsWith("r-together-"))).toBe(true);
    const slots = await rows<{ n: number }>(db(), sql`select count(*)::int as n from handler_slots where handler_id = ${handlerId} and lease_until is not null`);
    expect(Number(slots[0]!.n)).toBe(0);
  });

  it("a completion that fails takes none of the others with it", async () => {
    const completions = await claim(4, "apart-");
    // PostgreSQL refuses a NUL character in text: this completion's statement fails.
    const bad = { ...completions[2]!, attempt: { ...completions[2]!.attempt!, log: "broken \u0000 log" } };
    const batch = [completions[0]!, completions[1]!, bad, completions[3]!];
    const complete = completeTogether(db(), 1);
    const settled = await Promise.allSettled(batch.map((c) => complete(c)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const written = await writers(completions.map((c) => c.operation.id));
    expect(written.map((w) => w.status)).toEqual(["done", "done", "running", "done"]);
    // A fence that no longer holds is a null result, not a failure, and changes nothing.
    expect(await complete(completions[0]!)).toBeNull();
  });
});
