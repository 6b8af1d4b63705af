import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, handlers, tariffHandlers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { handlerConnection } from "@/lib/processing/load";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Ctx } from "@/lib/services/context";
import { checkHandlerConnection, NEEDED_TO_CHECK } from "@/lib/services/handlers/check-connection";
import { deleteHandler } from "@/lib/services/handlers/delete";
import { getHandler } from "@/lib/services/handlers/get";
import { listHandlers } from "@/lib/services/handlers/list";
import { listHandlerTemplates } from "@/lib/services/handlers/list-templates";
import { setHandlerEnabled } from "@/lib/services/handlers/set-enabled";
import { updateHandler } from "@/lib/services/handlers/update";
import { runCheckConnection, runCreateHandler } from "@/app/admin/handlers/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

const PASSWORD = "panel-pass-0427";

describe("admin verbs for handlers (Processing modules)", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  let departmentId: number;
  const db = () => database.db;
  const conn = (extra: Record<string, unknown> = {}) => ({ url: sim.url, username: "admin", password: PASSWORD, timeoutMs: 2000, ...extra });
  const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
  const handlerRow = async (id: number) => (await db().select().from(handlers).where(eq(handlers.id, id)))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator({ username: "admin", password: PASSWORD });
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    departmentId = (await createDepartment(database.db)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });
  beforeEach(() => sim.reset());

  it("creates a handler from the wizard's form and never hands its secret back", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ productType: "hosting", module: "ispmanager", name: "ISP form", dataCenter: "Frankfurt", departmentId: String(departmentId), priority: "5", maxRunning: "7" })) form.set(k, v);
    for (const [k, v] of Object.entries(conn())) form.set(`connection.${k}`, String(v));
    form.set("connection.timeoutMs", "");
    const state = await runCreateHandler(ctx, form);
    expect(state.error).toBeUndefined();
    const id = Number(/\/admin\/handlers\/(\d+)/.exec(state.redirectTo!)![1]);
    const row = await handlerRow(id);
    expect(row).toMatchObject({ name: "ISP form", dataCenter: "Frankfurt", departmentId, priority: 5, maxRunning: 7, enabled: true });
    expect(row.connection).toEqual({ url: sim.url, username: "admin" });
    expect(row.secrets).not.toContain(PASSWORD);
    const listed = (await listHandlers({ ctx })).find((h) => h.id === id)!;
    expect(listed).toMatchObject({ moduleTitle: "ISPmanager", departmentName: expect.any(String), health: "healthy", running: 0, services: 0 });
    const view = await getHandler({ ctx, input: { handlerId: id } });
    expect(view.secretsSet).toEqual(["password"]);
    expect(JSON.stringify([listed, view])).not.toContain(PASSWORD);
    expect(view.connectionFields.find((f) => f.key === "password")?.secret).toBe(true);
  });

  it("shows the wizard's field errors under connection.* and creates nothing", async () => {
    const before = await db().select().from(handlers);
    const form = new FormData();
    for (const [k, v] of Object.entries({ productType: "hosting", module: "ispmanager", name: "Broken", "connection.url": "not a url" })) form.set(k, v);
    const state = await runCreateHandler(ctx, form);
    expect(state.code).toBe("validation");
    expect(Object.keys(state.fields!).sort()).toEqual(["connection.password", "connection.url", "connection.username"]);
    expect(await db().select().from(handlers)).toEqual(before);
  });

  it("keeps the stored secret when an edit leaves it blank, and replaces it when typed", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    await updateHandler({ ctx, input: { handlerId: h.id, name: `${h.name} renamed`, priority: 3, connection: { url: `${sim.url}/`, username: "admin", password: "" } } });
    let row = await handlerRow(h.id);
    expect(row).toMatchObject({ name: `${h.name} renamed`, priority: 3 });
    expect(handlerConnection(row)).toMatchObject({ url: `${sim.url}/`, password: PASSWORD });
    await updateHandler({ ctx, input: { handlerId: h.id, connection: { url: sim.url, username: "admin", password: "brand-new-secret" } } });
    row = await handlerRow(h.id);
    expect(handlerConnection(row).password).toBe("brand-new-secret");
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "handler"), eq(auditLog.entityId, String(h.id)), eq(auditLog.action, "handler.update"))).orderBy(auditLog.id);
    expect(audits).toHaveLength(2);
    expect(audits[0]!.before).toMatchObject({ name: h.name, priority: 100 });
    expect(audits[0]!.after).toMatchObject({ name: `${h.name} renamed`, priority: 3, credentialsChanged: [] });
    expect(audits[1]!.after).toMatchObject({ credentialsChanged: ["password"] });
    expect(JSON.stringify(audits)).not.toMatch(/brand-new-secret|panel-pass/);
  });

  it("refuses a name another handler has", async () => {
    const a = await makeHandler(db(), { module: "manual" });
    const b = await makeHandler(db(), { module: "manual" });
    const error = await updateHandler({ ctx, input: { handlerId: b.id, name: a.name } }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("validation");
    expect((await handlerRow(b.id)).name).toBe(b.name);
  });

  it("checks a good connection against the simulator: OK, a redacted log, and the handler is healthy", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    const result = await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    expect(result).toMatchObject({ ok: true, code: null });
    expect(result.log).toContain("→ POST");
    expect(result.log).toContain("connection OK");
    expect(result.log).not.toContain(PASSWORD);
    expect(await handlerRow(h.id)).toMatchObject({ health: "healthy", healthMessage: null });
    expect(sim.state.calls.some((c) => c.func === "user")).toBe(true);
  });

  it("reports a bad password, an answer 500 and a closed port with their codes", async () => {
    const typed = await checkHandlerConnection({ ctx, input: { module: "ispmanager", connection: conn({ password: "wrong-password" }) } });
    expect(typed).toMatchObject({ ok: false, code: "auth", fields: ["username", "password"] });
    expect(typed.advice).toBe('The panel did not accept the sign-in: check "User name" and "Password".');
    expect(typed.log).not.toContain("wrong-password");
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    sim.setFaults({ http500: true });
    const failed = await checkHandlerConnection({ ctx, input: { handlerId: h.id } });
    expect(failed).toMatchObject({ ok: false, code: "http_500" });
    expect(failed.log).toContain("error http_500");
    expect(await handlerRow(h.id)).toMatchObject({ health: "failing", healthMessage: failed.message });
    const closed = await checkHandlerConnection({ ctx, input: { module: "ispmanager", connection: conn({ url: "http://127.0.0.1:1" }) } });
    expect(closed).toMatchObject({ ok: false, code: "network", fields: ["url"] });
    expect(closed.advice).toContain('check "Panel URL"');
  });

  it("names each required field left blank instead of calling the panel, and keeps the typed values out of it", async () => {
    const form = new FormData();
    form.set("module", "ispmanager");
    form.set("connection.url", "");
    form.set("connection.username", "admin");
    form.set("connection.password", "");
    const calls = sim.state.calls.length;
    const state = await runCheckConnection(ctx, form);
    expect(state.code).toBe("validation");
    expect(state.error).toBe("Fill in the marked fields to check the connection");
    expect(state.fields).toEqual({ "connection.url": [NEEDED_TO_CHECK], "connection.password": [NEEDED_TO_CHECK] });
    expect(sim.state.calls.length).toBe(calls);
  });

  it("checks what the form holds, with the stored secret for a blank one, without touching health", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    const form = new FormData();
    form.set("handlerId", String(h.id));
    form.set("module", "ispmanager");
    form.set("connection.url", sim.url);
    form.set("connection.username", "admin");
    form.set("connection.password", "");
    const state = await runCheckConnection(ctx, form);
    expect(state.check).toMatchObject({ ok: true });
    expect((await handlerRow(h.id)).health).toBe("unknown");
  });

  it("lists the panel's templates, and says why when the panel cannot be reached", async () => {
    const good = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    const down = await makeHandler(db(), { module: "ispmanager", connection: conn({ url: "http://127.0.0.1:1" }) });
    const manual = await makeHandler(db(), { module: "manual" });
    const ok = await listHandlerTemplates({ ctx, input: { handlerIds: [good.id] } });
    expect(ok).toMatchObject({ usesTemplates: true, templates: ["AdvancedPack", "StarterPack"] });
    const both = await listHandlerTemplates({ ctx, input: { handlerIds: [good.id, down.id, manual.id] } });
    expect(both.templates).toEqual(["AdvancedPack", "StarterPack"]);
    expect(both.handlers.find((r) => r.handlerId === down.id)).toMatchObject({ supported: true, templates: [], error: expect.stringContaining("Cannot reach") });
    expect(both.handlers.find((r) => r.handlerId === manual.id)).toMatchObject({ supported: false, error: null });
    const none = await listHandlerTemplates({ ctx, input: { handlerIds: [down.id] } });
    expect(none.templates).toEqual([]);
  });

  it("enables and disables, with an audit row each", async () => {
    const h = await makeHandler(db(), { module: "manual" });
    await setHandlerEnabled({ ctx, input: { handlerId: h.id, enabled: false } });
    expect((await handlerRow(h.id)).enabled).toBe(false);
    await setHandlerEnabled({ ctx, input: { handlerId: h.id, enabled: true } });
    expect((await handlerRow(h.id)).enabled).toBe(true);
    const rows = await db().select().from(auditLog).where(eq(auditLog.entityId, String(h.id)));
    expect(rows.filter((r) => r.entity === "handler").map((r) => r.action)).toEqual(["handler.create", "handler.disable", "handler.enable"]);
  });

  it("refuses to delete a handler a service uses, and one that is a tariff's only handler", async () => {
    const used = await makeHandler(db(), { module: "ispmanager", connection: conn() });
    const tariff = await makeTariff(db(), { handlerIds: [used.id] });
    const client = await createClient(db(), 100_000);
    await orderAndPay(db(), client.id, tariff.id);
    await sweepOperations(db());
    const error = await deleteHandler({ ctx, input: { handlerId: used.id } }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe("conflict");
    expect((error as Error).message).toMatch(/used by 1 service.*Disable it instead/);
    expect(await handlerRow(used.id)).toBeDefined();

    const only = await makeHandler(db(), { module: "manual" });
    const hidden = await makeTariff(db(), { handlerIds: [only.id] });
    const refused = await deleteHandler({ ctx, input: { handlerId: only.id } }).catch((e: unknown) => e);
    expect(codeOf(refused)).toBe("conflict");
    expect((refused as Error).message).toContain("only processing module");

    const spare = await makeHandler(db(), { module: "manual" });
    await db().insert(tariffHandlers).values({ tariffId: hidden.id, handlerId: spare.id });
    await deleteHandler({ ctx, input: { handlerId: only.id } });
    expect(await db().select().from(handlers).where(eq(handlers.id, only.id))).toEqual([]);
    expect(await db().select().from(tariffHandlers).where(eq(tariffHandlers.tariffId, hidden.id))).toEqual([{ tariffId: hidden.id, handlerId: spare.id, template: null }]);
    const [deleted] = await db().select().from(auditLog).where(and(eq(auditLog.action, "handler.delete"), eq(auditLog.entityId, String(only.id))));
    expect(deleted!.before).toMatchObject({ name: only.name, tariffs: [hidden.name] });
  });
});
