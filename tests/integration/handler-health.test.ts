import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { handlers, operations } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { handlerConnection } from "@/lib/processing/load";
import { markHealth } from "@/lib/processing/record";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Ctx } from "@/lib/services/context";
import { checkHandlerConnection } from "@/lib/services/handlers/check-connection";
import { recordCheck } from "@/lib/services/handlers/probe";
import { updateHandler } from "@/lib/services/handlers/update";
import { runCreateHandler, runUpdateHandler } from "@/app/admin/handlers/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

const PASSWORD = "panel-pass-0427";

describe("a handler's health follows its credentials", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  const db = () => database.db;
  const conn = (extra: Record<string, string> = {}) => ({ url: sim.url, username: "admin", password: PASSWORD, ...extra });
  const row = async (id: number) => (await db().select().from(handlers).where(eq(handlers.id, id)))[0]!;
  const form = (values: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(values)) f.set(k, v);
    return f;
  };
  const editForm = (id: number, name: string, password: string, extra: Record<string, string> = {}) =>
    form({ handlerId: String(id), name, priority: "100", maxRunning: "50", "connection.url": sim.url, "connection.username": "admin", "connection.password": password, ...extra });

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator({ username: "admin", password: PASSWORD });
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });
  beforeEach(() => sim.reset());

  it("saving a wrong password is refused with the check's answer; Save anyway stores it as failing; the right one makes it healthy", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    expect(await row(h.id)).toMatchObject({ health: "healthy" });

    const refused = await runUpdateHandler(ctx, editForm(h.id, h.name, "wrong-password"));
    expect(refused).toMatchObject({ code: "unprocessable", confirm: "save_anyway", check: { ok: false, code: "auth", fields: ["username", "password"] } });
    expect(refused.error).toMatch(/^Not saved: the connection does not work/);
    expect(refused.check!.log).not.toContain("wrong-password");
    expect(handlerConnection(await row(h.id)).password).toBe(PASSWORD);
    expect(await row(h.id)).toMatchObject({ health: "healthy" });

    const anyway = await runUpdateHandler(ctx, editForm(h.id, h.name, "wrong-password", { connectionCheck: "save_anyway" }));
    expect(anyway).toMatchObject({ ok: true, message: "Saved anyway: the connection does not work", check: { ok: false } });
    expect(handlerConnection(await row(h.id)).password).toBe("wrong-password");
    expect(await row(h.id)).toMatchObject({ health: "failing", healthMessage: anyway.check!.message });

    const fixed = await runUpdateHandler(ctx, editForm(h.id, h.name, PASSWORD));
    expect(fixed).toMatchObject({ ok: true, message: "Saved", check: { ok: true, message: "ISPmanager answered: the connection works" } });
    expect(await row(h.id)).toMatchObject({ health: "healthy", healthMessage: null });
  });

  it("the wizard refuses to create a module whose connection fails, unless told to create it anyway", async () => {
    const fields = { productType: "hosting", module: "ispmanager", name: "ISP wrong", priority: "5", maxRunning: "7", "connection.url": sim.url, "connection.username": "admin", "connection.password": "nope-nope" };
    const refused = await runCreateHandler(ctx, form(fields));
    expect(refused).toMatchObject({ code: "unprocessable", confirm: "save_anyway", check: { ok: false, code: "auth" } });
    expect(await db().select().from(handlers).where(eq(handlers.name, "ISP wrong"))).toEqual([]);
    const created = await runCreateHandler(ctx, form({ ...fields, connectionCheck: "save_anyway" }));
    expect(created.redirectTo).toMatch(/notice=created_failing$/);
    const [stored] = await db().select().from(handlers).where(eq(handlers.name, "ISP wrong"));
    expect(stored).toMatchObject({ health: "failing" });
    const good = await runCreateHandler(ctx, form({ ...fields, name: "ISP right", "connection.password": PASSWORD }));
    expect(good.redirectTo).toMatch(/notice=created$/);
    expect((await db().select().from(handlers).where(eq(handlers.name, "ISP right")))[0]).toMatchObject({ health: "healthy" });
  });

  it("a connection changed without a check has unknown health, not the old credentials' health", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    await updateHandler({ ctx, input: { handlerId: h.id, priority: 7 } });
    expect(await row(h.id)).toMatchObject({ health: "healthy" });
    await updateHandler({ ctx, input: { handlerId: h.id, connection: conn({ password: "another-one-1" }) } });
    expect(await row(h.id)).toMatchObject({ health: "unknown", healthMessage: null });
  });

  it("an attempt that finishes after a failed check makes the handler healthy, though it started while the handler was healthy", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    const tariff = await makeTariff(db(), { handlerIds: [h.id] });
    const service = await orderAndPay(db(), (await createClient(db(), 1_000_000)).id, tariff.id);
    sim.setFaults({ slowChangeMs: 2_500 });
    const running = sweepOperations(db());
    // While the panel takes its time to create the account, a check fails.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await recordCheck(db(), h.id, { ok: false, message: "the panel did not answer", checkedAt: new Date() });
    expect(await row(h.id)).toMatchObject({ health: "failing" });
    await running;
    expect((await db().select().from(operations).where(eq(operations.serviceId, service.id)))[0]).toMatchObject({ status: "done" });
    expect(await row(h.id)).toMatchObject({ health: "healthy", healthMessage: null });
  });

  it("an attempt older than the latest check does not overwrite it", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn({ password: "bad-pass-1" }) });
    const check = await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    expect(await row(h.id)).toMatchObject({ health: "failing" });
    await markHealth(db(), h.id, null, new Date(check.checkedAt.getTime() - 1_000));
    expect(await row(h.id)).toMatchObject({ health: "failing" });
    await markHealth(db(), h.id, null, new Date(check.checkedAt.getTime() + 1_000));
    expect(await row(h.id)).toMatchObject({ health: "healthy" });
  });
});
