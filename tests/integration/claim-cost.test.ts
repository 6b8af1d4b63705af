import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/rows";
import { claimAndLoad, claimStatement } from "@/lib/processing/claim";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff } from "../helpers/factories";

type PlanNode = { "Node Type": string; "Index Name"?: string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** A backlog of due operations must not make each claim read all of it. */
describe("the claim with a large backlog", () => {
  let database: TestDatabase;
  const backlog = 3000;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const handler = await makeHandler(db, { module: "manual" });
    const tariff = await makeTariff(db, { handlerIds: [handler.id] });
    const client = await createClient(db);
    await db.execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, months)
      select ${client.id}::int, ${tariff.id}::int, 'hosting', 'ordered', 'backlog-' || g, 1 from generate_series(1, ${backlog}::int) g`);
    await db.execute(sql`insert into operations (service_id, kind, run_at)
      select id, 'open', now() - make_interval(secs => id) from services where remote_name like 'backlog-%'`);
    // The month's end: a bulk backlog older than every open.
    await db.execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, months)
      select ${client.id}::int, ${tariff.id}::int, 'hosting', 'active', 'bulk-' || g, 1 from generate_series(1, ${backlog}::int) g`);
    await db.execute(sql`insert into operations (service_id, kind, params, run_at)
      select id, 'prolong', '{"months": 1}', now() - interval '1 day' - make_interval(secs => id) from services where remote_name like 'bulk-%'`);
    await db.execute(sql`analyze`);
  });
  afterAll(() => database.close());

  it("reads about as many due rows as it takes, the first lane first, in run_at order", async () => {
    const statement = claimStatement({ limit: 8, now: new Date(), leaseMs: 60_000 }, "plan-token");
    // EXPLAIN ANALYZE runs the update: inside a transaction that is rolled back, it claims nothing.
    let raw: unknown;
    await database.db
      .transaction(async (tx) => {
        const [row] = await rows<Record<string, unknown>>(tx, sql`explain (analyze, format json) `.append(statement));
        raw = Object.values(row!)[0];
        throw new Error("rollback");
      })
      .catch((error: unknown) => {
        if ((error as Error).message !== "rollback") throw error;
      });
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    // Each lane is read in its own index's order and stops after the limit.
    for (const lane of ["operations_due_first_idx", "operations_due_bulk_idx"]) {
      const scans = nodes(plan[0]!.Plan).filter((n) => n["Index Name"] === lane);
      expect(scans.length, lane).toBeGreaterThan(0);
      for (const scan of scans) expect(scan["Actual Rows"] * scan["Actual Loops"]).toBeLessThanOrEqual(16);
    }

    const claimed = await claimAndLoad(database.db, { limit: 8, now: new Date(), leaseMs: 60_000 });
    expect(claimed).toHaveLength(8);
    // The opens go first though every prolong is older: a new order never waits behind the bulk.
    expect(claimed.map((c) => c.loaded.operation.kind)).toEqual(Array(8).fill("open"));
    const runAts = claimed.map((c) => c.loaded.operation.runAt.getTime());
    expect(runAts).toEqual([...runAts].sort((a, b) => a - b));
    const [oldest] = await rows<{ run_at: string }>(database.db, sql`select min(run_at)::text as run_at from operations where kind = 'open'`);
    expect(claimed[0]!.loaded.operation.runAt.getTime()).toBe(new Date(oldest!.run_at).getTime());
  });
});
