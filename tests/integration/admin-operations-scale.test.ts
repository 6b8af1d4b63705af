import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/rows";
import { listOperations, listOperationsInput, operationsQuery } from "@/lib/services/operations/list";
import type { Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

const BULK = 120_000;

/** Current operations past 100,000 rows: every page comes from an index, never a scan of the table. */
describe("Current operations at scale", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  let sparseClient: number;
  let handlerId: number;
  const db = () => database.db;

  async function plan(input: Record<string, unknown>): Promise<string> {
    const query = sql`explain `.append(operationsQuery(db(), listOperationsInput.parse(input)).getSQL());
    const lines = await rows<Record<string, string>>(db(), query);
    return lines.map((l) => Object.values(l)[0]).join("\n");
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    const handler = await makeHandler(db(), { module: "manual" });
    handlerId = handler.id;
    const tariff = (await makeTariff(db(), { handlerIds: [handler.id] })).id;
    const bulkClient = (await createClient(db())).id;
    sparseClient = (await createClient(db())).id;
    const addServices = (clientId: number, n: number, from: number) =>
      db().execute(sql`insert into services (client_id, tariff_id, handler_id, product_type, status, remote_name, months)
        select ${clientId}::int, ${tariff}::int, ${handler.id}::int, 'hosting', 'active', 'svc' || g, 1 from generate_series(${from}::int, ${from + n - 1}::int) g`);
    await addServices(bulkClient, 2000, 1);
    await addServices(sparseClient, 5, 5001);
    await db().execute(sql`
      with s as (select array_agg(id order by id) as ids from services where client_id = ${bulkClient}::int)
      insert into operations (service_id, kind, status, attempts, handler_id, created_at, run_at)
      select s.ids[1 + g % 2000], (array['open','suspend','resume','close','prolong','change_tariff','sync'])[1 + g % 7],
             case when g % 40 = 0 then 'cancelled' else 'done' end, 1, ${handler.id}::int,
             now() - make_interval(secs => ${BULK}::int - g), now()
      from s, generate_series(1, ${BULK}::int) g`);
    await db().execute(sql`
      insert into operations (service_id, kind, status, created_at)
      select id, 'suspend', 'manual', now() from services where client_id = ${bulkClient} and id % 20 = 0`);
    await db().execute(sql`
      insert into operations (service_id, kind, status, created_at)
      select id, 'sync', 'done', now() - interval '1 hour' from services where client_id = ${sparseClient}`);
    await db().execute(sql`analyze`);
  }, 180_000);
  afterAll(async () => database.close());

  it(`holds over ${BULK.toLocaleString("en")} operations`, async () => {
    const [{ n }] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from operations`);
    expect(Number(n)).toBeGreaterThan(100_000);
  });

  const cases: [string, Record<string, unknown>][] = [
    ["no filter", {}],
    ["a deep cursor", { cursor: 60_000 }],
    ["a rare status", { status: "manual" }],
    ["a common status and a cursor", { status: "done", cursor: 90_000 }],
    ["one client", { clientId: "sparse" }],
    ["an operation kind", { kind: "change_tariff" }],
    ["a module", { module: "manual" }],
    ["a handler", { handlerId: "bulk" }],
  ];

  it.each(cases)("reads %s from an index, not a scan of operations, and answers fast", async (_what, raw) => {
    const input: Record<string, unknown> = { ...raw, ...(raw.clientId ? { clientId: sparseClient } : {}), ...(raw.handlerId ? { handlerId } : {}) };
    const text = await plan(input);
    expect(text).not.toMatch(/Seq Scan on operations/);
    expect(text).toMatch(/Index (Only )?Scan.*on operations|operations_\w+/);
    const started = performance.now();
    const page = await listOperations({ ctx, input });
    const ms = performance.now() - started;
    expect(page.items.length).toBeGreaterThan(0);
    const idsDesc = page.items.map((i) => i.id);
    expect(idsDesc).toEqual([...idsDesc].sort((a, b) => b - a));
    if (input.cursor) expect(idsDesc[0]).toBeLessThan(input.cursor as number);
    expect(ms).toBeLessThan(1500);
  });

  it("pages through one status across the whole table without repeats", async () => {
    const seen = new Set<number>();
    let cursor: number | undefined;
    for (;;) {
      const page = await listOperations({ ctx, input: { status: "manual", limit: 40, cursor } });
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        expect(item.status).toBe("manual");
        seen.add(item.id);
      }
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(100);
  });
});

