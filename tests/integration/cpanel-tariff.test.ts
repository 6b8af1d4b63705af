import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tariffs } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { createTariff } from "@/lib/services/tariffs/create";
import { updateTariff } from "@/lib/services/tariffs/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, makeHandler } from "../helpers/factories";

describe("a tariff served by cPanel names its package", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  let whm: number;
  let isp: number;
  const prices = [{ months: 1, price: 500 }];

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    whm = (await makeHandler(database.db, { module: "cpanel", name: "WHM one", connection: { url: "https://whm.example.test:2087", apiToken: "t" } })).id;
    isp = (await makeHandler(database.db, { module: "ispmanager", connection: { url: "https://isp.example.test:1500", username: "a", password: "b" } })).id;
  });
  afterAll(() => database.close());

  it("refuses to create or save one without a package, and changes nothing", async () => {
    for (const template of [null, "", "  "]) {
      const error = await createTariff({ ctx, input: { productType: "hosting", name: "No package", template, prices, handlerIds: [isp, whm] } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields.template?.[0]).toContain("Name the cPanel package: without one, WHM one would create accounts on WHM's default package");
    }
    expect(await database.db.select().from(tariffs)).toHaveLength(0);

    const saved = await createTariff({ ctx, input: { productType: "hosting", name: "Business", template: "business", prices, handlerIds: [whm] } });
    const error = await updateTariff({ ctx, input: { tariffId: saved.id, name: "Business", template: "", prices, handlerIds: [whm] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((await database.db.select().from(tariffs))[0]).toMatchObject({ id: saved.id, template: "business" });
  });

  it("lets a tariff of other modules go without a template", async () => {
    await expect(createTariff({ ctx, input: { productType: "hosting", name: "Plain", template: null, prices, handlerIds: [isp] } })).resolves.toMatchObject({ template: null });
  });
});
