import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, settings, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { seedDemo } from "@/lib/seed";
import { defaultSettings, readSettings } from "@/lib/settings";
import type { Actor } from "@/lib/services/context";
import { updateSettings } from "@/lib/services/settings/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

describe("admin-only verbs", () => {
  let database: TestDatabase;
  const actors = {} as Record<"admin" | "staff" | "client", Actor>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    for (const u of await database.db.select().from(users)) {
      actors[u.role] = { type: "user", userId: u.id, role: u.role, clientId: u.clientId };
    }
  });
  afterAll(async () => database.close());

  const refusals: [string, () => Actor, string][] = [
    ["anonymous", () => ({ type: "anonymous" }), "unauthorized"],
    ["a client", () => actors.client, "forbidden"],
    ["a staff member", () => actors.staff, "forbidden"],
  ];

  it.each(refusals)("refuses %s and changes nothing", async (_who, actor, code) => {
    const before = await database.db.select().from(settings);
    const auditBefore = await database.db.select().from(auditLog);
    const error = await updateSettings({ ctx: { db: database.db, actor: actor() }, input: { maxAttempts: 9 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect(await database.db.select().from(settings)).toEqual(before);
    expect(await database.db.select().from(auditLog)).toEqual(auditBefore);
  });

  it("refuses invalid values from an admin with field errors", async () => {
    const ctx = { db: database.db, actor: actors.admin };
    const error = await updateSettings({ ctx, input: { maxAttempts: 0, bogus: 1 } }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("validation");
    expect(Object.keys((error as { fields: object }).fields).sort()).toEqual(["_", "maxAttempts"]);
  });

  it("lets an admin change settings and writes one audit row with before and after", async () => {
    const ctx = { db: database.db, actor: actors.admin };
    const seeded = await database.db.select().from(auditLog).where(eq(auditLog.entity, "settings"));
    const result = await updateSettings({ ctx, input: { maxAttempts: 5, retryIntervalSeconds: 30 } });
    expect(result).toMatchObject({ maxAttempts: 5, retryIntervalSeconds: 30 });
    expect(await readSettings(database.db)).toEqual(result);
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entity, "settings"));
    expect(rows).toHaveLength(seeded.length + 1);
    expect(rows.at(-1)).toMatchObject({
      action: "update",
      actorUserId: (actors.admin as { userId: number }).userId,
      before: { maxAttempts: defaultSettings.maxAttempts, retryIntervalSeconds: defaultSettings.retryIntervalSeconds },
      after: { maxAttempts: 5, retryIntervalSeconds: 30 },
    });
  });
});
