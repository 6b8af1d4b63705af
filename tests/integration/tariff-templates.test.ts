import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { handlers, services, tariffHandlers } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { getTariff } from "@/lib/services/tariffs/get";
import { listTariffs } from "@/lib/services/tariffs/list";
import { runCreateTariff, runLoadTemplates, runUpdateTariff } from "@/app/admin/tariffs/run";
import { tariffValues } from "@/app/admin/tariffs/values";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

describe("a template per handler", () => {
  let database: TestDatabase;
  let simA: IspmanagerSimulator;
  let simB: IspmanagerSimulator;
  let ctx: Ctx;
  let a: number;
  let b: number;
  let clientId: number;
  const db = () => database.db;
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const presetOn = (sim: IspmanagerSimulator, name: string) => sim.state.users[name]?.preset;

  beforeAll(async () => {
    database = await createTestDatabase();
    simA = await startIspmanagerSimulator();
    simB = await startIspmanagerSimulator();
    // Two panels with no template in common: each has only its own.
    simA.state.presets = { PackOnA: { limit_quota: "1024" } };
    simB.state.presets = { PackOnB: { limit_quota: "2048" } };
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    a = (await makeHandler(db(), { module: "ispmanager", priority: 1, connection: { url: simA.url, username: "admin", password: "secret" } })).id;
    b = (await makeHandler(db(), { module: "ispmanager", priority: 2, connection: { url: simB.url, username: "admin", password: "secret" } })).id;
    clientId = (await createClient(db(), 10_000_000)).id;
  });
  afterAll(async () => {
    await simA.close();
    await simB.close();
    await database.close();
  });

  it("each picker lists its own panel's templates", async () => {
    expect((await runLoadTemplates(ctx, [a])).result?.templates).toEqual(["PackOnA"]);
    expect((await runLoadTemplates(ctx, [b])).result?.templates).toEqual(["PackOnB"]);
    // Both together have nothing in common: one shared list could not serve both panels.
    expect((await runLoadTemplates(ctx, [a, b])).result?.templates).toEqual([]);
  });

  it("the form saves a template per handler, and failover opens on the second panel with its own template", async () => {
    const state = await runCreateTariff(
      ctx,
      form({ productType: "hosting", name: "Two panels", "price.1": "5", published: "on", handlerIds: [String(a), String(b)], [`template.${a}`]: "PackOnA", [`template.${b}`]: "PackOnB" }),
    );
    expect(state.error).toBeUndefined();
    const tariffId = Number(/\/admin\/tariffs\/(\d+)/.exec(state.redirectTo!)![1]);
    const t = await getTariff({ ctx, input: { tariffId } });
    expect(t.handlers.map((h) => [h.id, h.template])).toEqual([[a, "PackOnA"], [b, "PackOnB"]]);
    // The tariff-wide column keeps the first handler's, for a release that reads only it.
    expect(t.template).toBe("PackOnA");
    expect(tariffValues(t).templates).toEqual({ [a]: "PackOnA", [b]: "PackOnB" });
    const listed = (await listTariffs({ ctx })).find((x) => x.id === tariffId)!;
    expect(listed.handlers.map((h) => [h.id, h.template])).toEqual(expect.arrayContaining([[a, "PackOnA"], [b, "PackOnB"]]));

    const first = await orderAndPay(db(), clientId, tariffId);
    await sweepOperations(db());
    expect(await service(first.id)).toMatchObject({ handlerId: a, status: "active" });
    expect(presetOn(simA, first.remoteName)).toBe("PackOnA");

    // The first panel fails: the next order goes to the second handler, with the second panel's template.
    await db().update(handlers).set({ health: "failing" }).where(eq(handlers.id, a));
    const second = await orderAndPay(db(), clientId, tariffId);
    await sweepOperations(db());
    expect(await service(second.id)).toMatchObject({ handlerId: b, status: "active" });
    expect(presetOn(simB, second.remoteName)).toBe("PackOnB");
    expect(presetOn(simA, second.remoteName)).toBeUndefined();
    await db().update(handlers).set({ health: "healthy" }).where(eq(handlers.id, a));
  });

  it("a handler without its own template falls back to the tariff's (tariffs saved before per-handler templates)", async () => {
    const tariff = await makeTariff(db(), { handlerIds: [b], template: "PackOnB" });
    const [row] = await db().select().from(tariffHandlers).where(eq(tariffHandlers.tariffId, tariff.id));
    expect(row!.template).toBeNull();
    const s = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    expect(await service(s.id)).toMatchObject({ handlerId: b, status: "active" });
    expect(presetOn(simB, s.remoteName)).toBe("PackOnB");
    const view = await getTariff({ ctx, input: { tariffId: tariff.id } });
    expect(tariffValues(view).templates).toEqual({ [b]: "PackOnB" });
  });

  it("an update replaces the templates with the handlers; a handler chosen with no template opens with none", async () => {
    const tariff = await makeTariff(db(), { handlerIds: [a], template: "PackOnA" });
    const state = await runUpdateTariff(ctx, form({ tariffId: String(tariff.id), name: "Only B", "price.1": "5", published: "on", handlerIds: String(b), [`template.${b}`]: "" }));
    expect(state).toMatchObject({ ok: true });
    const t = await getTariff({ ctx, input: { tariffId: tariff.id } });
    expect(t.handlers.map((h) => [h.id, h.template])).toEqual([[b, ""]]);
    expect(t.template).toBeNull();
    const s = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    expect(await service(s.id)).toMatchObject({ handlerId: b, status: "active" });
    expect(presetOn(simB, s.remoteName)).toBeFalsy();
  });
});
