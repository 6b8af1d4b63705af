import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tariffs } from "@/lib/db/schema";
import { seedDemo } from "@/lib/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/** Names of the machinery behind a product: a buyer reads what they get, not how the provider makes it. */
const BACK_END = /\b(EPP|VMmanager|vCloud|Webnames|ISPmanager|registry|over EPP)\b/i;

describe("the demo catalog speaks to buyers", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
  });
  afterAll(() => database.close());

  it("names no back-end system in a tariff's name or description", async () => {
    const rows = await database.db.select({ name: tariffs.name, description: tariffs.description }).from(tariffs);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const t of rows) {
      expect(t.name, t.name).not.toMatch(BACK_END);
      expect(t.description, t.name).not.toMatch(BACK_END);
    }
  });
});
