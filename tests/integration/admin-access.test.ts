import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/lib/db/schema";
import { departments, emailOutbox, handlers, operations, tariffs, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue";
import { serviceEmail } from "@/lib/email/service-emails";
import { sweepOperations } from "@/lib/processing/sweep";
import { seedDemo } from "@/lib/seed";
import type { Actor, Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { orderAndPay } from "../helpers/factories";
import { adminVerbs, adminRuns, staffRuns, staffVerbs, type Ids } from "./admin-access-cases";

/** Every table's rows, to show a refused call changed nothing at all. */
async function snapshot(database: TestDatabase) {
  const out: Record<string, unknown> = {};
  for (const t of Object.values(schema)) {
    if (!is(t, PgTable)) continue;
    const name = getTableName(t);
    const result = (await database.db.execute(sql.raw(`select * from "${name}" order by 1`))) as unknown;
    out[name] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  }
  return JSON.stringify(out);
}

describe("admin actions refuse clients and staff: verbs, and the server actions over them", () => {
  let database: TestDatabase;
  const actors = {} as Record<"admin" | "staff" | "client", Actor>;
  const ids = {} as Ids;
  const ctxOf = (actor: Actor): Ctx => ({ db: database.db, actor });
  const code = (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedDemo(db);
    for (const u of await db.select().from(users)) actors[u.role] = { type: "user", userId: u.id, role: u.role, clientId: u.clientId };
    const client = actors.client as { clientId: number };
    ids.clientId = client.clientId;
    ids.staffUserId = (actors.staff as { userId: number }).userId;
    ids.handlerId = (await db.select().from(handlers).where(eq(handlers.module, "ispmanager")))[0]!.id;
    ids.departmentId = (await db.select().from(departments))[0]!.id;
    const [dedicated] = await db.select().from(tariffs).where(eq(tariffs.productType, "dedicated"));
    ids.tariffId = (await db.select().from(tariffs).where(eq(tariffs.productType, "hosting")))[0]!.id;
    ids.tariffIdToOrder = dedicated!.id;
    const service = await orderAndPay(db, ids.clientId, dedicated!.id);
    await sweepOperations(db);
    ids.serviceId = service.id;
    ids.operationId = (await db.select().from(operations).where(eq(operations.serviceId, service.id)))[0]!.id;
    const mail = serviceEmail("welcome", { id: service.id, productType: "dedicated", tariffName: "x", details: {}, secrets: {}, params: {}, expiresAt: null });
    ids.emailId = (await enqueueEmail(db, { dedupeKey: "access:1", to: "client@provisio.test", ...mail }))!.id;
  });
  afterAll(async () => database.close());

  it("covers every admin-only verb of the dashboard, and sees every table", async () => {
    const dirs = ["handlers", "tariffs", "clients", "departments", "mail", "audit", "stats", "users", "settings", "balance", "tax", "coupons"];
    const named = new Set(adminVerbs.map(([name]) => name));
    for (const dir of dirs) {
      for (const file of readdirSync(join(process.cwd(), "lib/services", dir))) {
        const text = readFileSync(join(process.cwd(), "lib/services", dir, file), "utf8");
        if (!text.includes("requireAdmin(")) continue;
        for (const [, verb] of text.matchAll(/^export async function (\w+)/gm)) expect(named.has(verb!), `${dir}/${file}: ${verb}`).toBe(true);
      }
    }
    const tables = JSON.parse(await snapshot(database)) as Record<string, unknown[]>;
    expect(Object.keys(tables).length).toBeGreaterThanOrEqual(20);
    expect(tables.handlers!.length).toBeGreaterThanOrEqual(7);
    expect(tables.operations!.length).toBe(1);
  });

  for (const who of ["client", "staff"] as const) {
    it(`refuses ${who === "client" ? "a client" : "a staff member"} on every admin verb, changing no row`, async () => {
      const before = await snapshot(database);
      for (const [name, call] of adminVerbs) {
        const error = await call(ctxOf(actors[who]), ids).then(() => "allowed", (e: unknown) => e);
        expect(code(error), name).toBe("forbidden");
      }
      expect(await snapshot(database)).toBe(before);
    });

    it(`refuses ${who === "client" ? "a client" : "a staff member"} on every admin server action, changing no row`, async () => {
      const before = await snapshot(database);
      for (const [name, run] of adminRuns) {
        const state = await run(ctxOf(actors[who]), ids);
        expect(state.code, name).toBe("forbidden");
        expect(state.error, name).toMatch(/Only admins/);
      }
      expect(await snapshot(database)).toBe(before);
    });
  }

  it("refuses a client, and anyone signed out, on the staff verbs and actions of Current operations and services", async () => {
    const before = await snapshot(database);
    for (const [name, call] of staffVerbs) {
      expect(code(await call(ctxOf(actors.client), ids).catch((e: unknown) => e)), name).toBe("forbidden");
      expect(code(await call(ctxOf({ type: "anonymous" }), ids).catch((e: unknown) => e)), name).toBe("unauthorized");
    }
    for (const [name, run] of staffRuns) expect((await run(ctxOf(actors.client), ids)).code, name).toBe("forbidden");
    for (const [name, call] of adminVerbs) expect(code(await call(ctxOf({ type: "anonymous" }), ids).catch((e: unknown) => e)), name).toBe("unauthorized");
    expect(await snapshot(database)).toBe(before);
  });

  it("lets staff read Current operations and an operation", async () => {
    const [list, get] = staffVerbs;
    expect(await list![1](ctxOf(actors.staff), ids)).toMatchObject({ items: [expect.objectContaining({ id: ids.operationId })] });
    expect(await get![1](ctxOf(actors.staff), ids)).toMatchObject({ operation: { id: ids.operationId } });
  });

  it("lets an admin through every action (the refusals above were the role check)", async () => {
    for (const [name, run] of [...adminRuns, ...staffRuns]) {
      const state = await run(ctxOf(actors.admin), ids);
      expect(["forbidden", "unauthorized"], name).not.toContain(state.code);
    }
    expect((await database.db.select().from(emailOutbox)).length).toBeGreaterThan(1);
  });

  it("keeps the inner run functions out of the 'use server' modules (so no browser can pass its own actor)", () => {
    for (const area of ["clients", "departments", "handlers", "mail", "operations", "services", "settings", "tariffs"]) {
      const text = readFileSync(join(process.cwd(), "app/admin", area, "actions.ts"), "utf8");
      expect(text.startsWith('"use server";'), area).toBe(true);
      const exported = [...text.matchAll(/^export (?:async )?(?:function|const|let) (\w+)/gm)].map((m) => m[1]);
      expect(exported.length, area).toBeGreaterThan(0);
      for (const name of exported) expect(name, area).toMatch(/Action$/);
      expect(text).toMatch(/requestCtx\(\)/);
    }
  });
});
