import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { steadyPace } from "../../scripts/chaos/pace";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, queueOpens } from "../helpers/factories";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The chaos run's steady mode: the capacity is what the warm-up saw finish, and no customer turn is
 * let through while more opens are unfinished than that capacity finishes in the backlog's seconds.
 */
describe("chaos steady pace", () => {
  let database: TestDatabase;
  let clientId: number;
  let tariffId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "a", password: "b" } });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    clientId = (await createClient(database.db, 100_000)).id;
  });
  afterAll(() => database.close());

  const finish = (tag: string, count: number) =>
    database.db.execute(sql`update operations set status = 'done', updated_at = now() where id in (
      select o.id from operations o join services s on s.id = o.service_id where s.remote_name like ${`${tag}%`} and o.status = 'queued' order by o.id limit ${count})`);

  it("measures the capacity from the opens the warm-up saw finish, then holds turns while the backlog is over its bound", async () => {
    await queueOpens(database.db, { clientId, tariffId, count: 12, tag: "paceA" });
    const pace = steadyPace({ db: database.db, warmupSeconds: 0.3, fraction: 0.5, cap: 100, backlogSeconds: 1, until: Date.now() + 60_000, minSample: 6 });
    // The warm-up lets turns through while fewer than `cap` opens are unfinished.
    expect(await pace.turn(true)).toBe(true);
    expect(pace.figures().steadyFrom).toBeNull();
    // Six opens finish, one at a time: the warm-up waits for its sample.
    for (let i = 0; i < 6; i++) {
      await finish("paceA", 1);
      await sleep(100);
    }
    // 6 opens unfinished: under the bound (cap / 4 = 25), so the first steady turn goes through.
    expect(await pace.turn(false)).toBe(true);
    const { capacityPerS, steadyFrom } = pace.figures();
    expect(steadyFrom).not.toBeNull();
    expect(capacityPerS).toBeGreaterThan(0);

    // Forty more opens come in: over the bound, so the next turn waits until they finish.
    await queueOpens(database.db, { clientId, tariffId, count: 40, tag: "paceB" });
    await sleep(600); // the backlog is read at most every 500 ms
    let through = false;
    const next = pace.turn(true).then((t) => (through = t));
    await sleep(1500);
    expect(through).toBe(false);
    await finish("paceB", 40);
    expect(await next).toBe(true);
    expect(pace.figures().maxBacklog).toBeGreaterThanOrEqual(40);
  });
});
