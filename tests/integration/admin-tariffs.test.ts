import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, tariffHandlers, tariffs } from "@/lib/db/schema";
import { AppError, ValidationError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { createTariff } from "@/lib/services/tariffs/create";
import { getTariff } from "@/lib/services/tariffs/get";
import { listTariffs } from "@/lib/services/tariffs/list";
import { updateTariff } from "@/lib/services/tariffs/update";
import { runCreateTariff, runLoadTemplates, runUpdateTariff } from "@/app/admin/tariffs/run";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, makeHandler } from "../helpers/factories";

function tariffForm(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) form.append(k, one);
  return form;
}

describe("admin verbs for tariffs", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  let isp: number;
  let spare: number;
  let vps: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator({ username: "admin", password: "secret-pass" });
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    isp = (await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret-pass" } })).id;
    spare = (await makeHandler(db(), { module: "manual", productType: "hosting" })).id;
    vps = (await makeHandler(db(), { module: "manual", productType: "vps" })).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("refuses a tariff without a processing module, with a clear message, and creates nothing", async () => {
    const before = await db().select().from(tariffs);
    const error = await createTariff({ ctx, input: { productType: "hosting", name: "Orphan", prices: [{ months: 1, price: 100 }], handlerIds: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.handlerIds).toEqual(["Choose at least one processing module"]);
    const state = await runCreateTariff(ctx, tariffForm({ productType: "hosting", name: "Orphan", "price.1": "1.00" }));
    expect(state.fields?.handlerIds).toEqual(["Choose at least one processing module"]);
    expect(await db().select().from(tariffs)).toEqual(before);
  });

  it("creates a tariff from the editor's form: prices in major units, resources, template, handlers", async () => {
    const state = await runCreateTariff(
      ctx,
      tariffForm({
        productType: "hosting", name: "Form Starter", description: "From the editor", template: "AdvancedPack", published: "on",
        "price.1": "4.99", "price.12": "49.90", "price.3": "",
        "resources.0.key": "disk", "resources.0.label": "Disk", "resources.0.unit": "GiB", "resources.0.amount": "10", "resources.0.addon": "on", "resources.0.maxExtra": "5", "resources.0.unitPrice": "0.50",
        "resources.1.key": "", "resources.1.label": "",
        handlerIds: [String(isp), String(spare)],
      }),
    );
    expect(state.error).toBeUndefined();
    const id = Number(/\/admin\/tariffs\/(\d+)/.exec(state.redirectTo!)![1]);
    const t = await getTariff({ ctx, input: { tariffId: id } });
    expect(t).toMatchObject({ name: "Form Starter", template: "AdvancedPack", published: true, handlerIds: [isp, spare] });
    expect(t.prices).toEqual([{ months: 1, price: 499 }, { months: 12, price: 4990 }]);
    expect(t.resources).toEqual([{ key: "disk", label: "Disk", unit: "GiB", amount: 10, addon: true, maxExtra: 5, unitPrice: 50 }]);
  });

  it("updates prices, resources and handlers as a whole, with before and after in the audit log", async () => {
    const t = await createTariff({ ctx, input: { productType: "hosting", name: "Editable", template: "StarterPack", prices: [{ months: 1, price: 300 }], resources: [{ key: "sites", label: "Sites", amount: 1 }], handlerIds: [isp] } });
    const state = await runUpdateTariff(ctx, tariffForm({ tariffId: String(t.id), name: "Edited", template: "", "price.1": "3.50", "price.24": "70", handlerIds: String(spare) }));
    expect(state).toMatchObject({ ok: true });
    const after = await getTariff({ ctx, input: { tariffId: t.id } });
    expect(after).toMatchObject({ name: "Edited", template: null, published: false, resources: [], handlerIds: [spare], productType: "hosting" });
    expect(after.prices).toEqual([{ months: 1, price: 350 }, { months: 24, price: 7000 }]);
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "tariff.update"), eq(auditLog.entityId, String(t.id))));
    expect(row!.before).toMatchObject({ name: "Editable", template: "StarterPack", handlerIds: [isp], prices: [{ months: 1, price: 300 }] });
    expect(row!.after).toMatchObject({ name: "Edited", handlerIds: [spare], prices: [{ months: 1, price: 350 }, { months: 24, price: 7000 }] });
  });

  it("refuses an update without handlers or with a handler of another product type, changing nothing", async () => {
    const t = await createTariff({ ctx, input: { productType: "hosting", name: "Guarded", prices: [{ months: 1, price: 100 }], handlerIds: [isp] } });
    const base = { tariffId: t.id, name: "Guarded", prices: [{ months: 1, price: 100 }] };
    const none = await updateTariff({ ctx, input: { ...base, handlerIds: [] } }).catch((e: unknown) => e);
    expect((none as ValidationError).fields.handlerIds).toEqual(["Choose at least one processing module"]);
    const wrong = await updateTariff({ ctx, input: { ...base, handlerIds: [vps] } }).catch((e: unknown) => e);
    expect((wrong as ValidationError).fields.handlerIds?.[0]).toMatch(/serve hosting/);
    expect(await db().select().from(tariffHandlers).where(eq(tariffHandlers.tariffId, t.id))).toEqual([{ tariffId: t.id, handlerId: isp, template: null }]);
    const missing = await updateTariff({ ctx, input: { ...base, tariffId: 999_999, handlerIds: [isp] } }).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe("not_found");
  });

  it("refuses a name another tariff of the type has", async () => {
    const a = await createTariff({ ctx, input: { productType: "hosting", name: "Taken name", prices: [{ months: 1, price: 1 }], handlerIds: [isp] } });
    const b = await createTariff({ ctx, input: { productType: "hosting", name: "Other name", prices: [{ months: 1, price: 1 }], handlerIds: [isp] } });
    const error = await updateTariff({ ctx, input: { tariffId: b.id, name: a.name, prices: [{ months: 1, price: 1 }], handlerIds: [isp] } }).catch((e: unknown) => e);
    expect((error as ValidationError).fields.name).toEqual(["A tariff with this name exists"]);
  });

  it("lists hidden and published tariffs with their handlers and prices", async () => {
    const list = await listTariffs({ ctx, input: { productType: "hosting" } });
    const edited = list.find((t) => t.name === "Edited")!;
    expect(edited).toMatchObject({ published: false, services: 0, handlers: [{ id: spare, enabled: true }] });
    expect(list.find((t) => t.name === "Form Starter")).toMatchObject({ published: true, prices: [{ months: 1, price: 499 }, { months: 12, price: 4990 }] });
    expect(list.every((t) => t.productType === "hosting")).toBe(true);
  });

  it("loads the template list for the editor from the chosen handlers' panel", async () => {
    const state = await runLoadTemplates(ctx, [isp]);
    expect(state.result?.templates).toEqual(["AdvancedPack", "StarterPack"]);
    const bad = await runLoadTemplates(ctx, []);
    expect(bad.fields?.handlerIds).toEqual(["Choose a processing module first"]);
  });
});
