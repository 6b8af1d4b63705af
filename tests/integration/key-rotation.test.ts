import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { decrypt, decryptJson, encrypt, encryptJson } from "@/lib/crypto";
import { migrateDatabase } from "@/lib/db/migrate";
import { emailOutbox, handlers, services, settings, webhookEndpoints } from "@/lib/db/schema";
import { checkEncryptionKey, KEY_CHECK } from "@/lib/key-check";
import { getHandler } from "@/lib/services/handlers/get";
import { updateHandler } from "@/lib/services/handlers/update";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { rotateEncryptionKey, type RotationProgress } from "@/lib/services/settings/rotate-encryption-key";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay, siteDomain, sys } from "../helpers/factories";

const original = process.env.APP_ENCRYPTION_KEY;
const newKey = randomBytes(32).toString("base64");
const useKeys = (current: string | undefined, old?: string) => {
  process.env.APP_ENCRYPTION_KEY = current;
  if (old) process.env.APP_ENCRYPTION_KEY_OLD = old;
  else delete process.env.APP_ENCRYPTION_KEY_OLD;
};

describe("the key check value and key rotation", () => {
  let database: TestDatabase;
  let handlerId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    handlerId = (await makeHandler(db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "admin", password: "Old-Key-Pass-1" } })).id;
    const tariff = await makeTariff(db, { handlerIds: [handlerId] });
    const client = await createClient(db, 10_000_000);
    for (let i = 0; i < 3; i++) await orderAndPay(db, client.id, tariff.id, { params: { domain: siteDomain() } });
    await db.insert(webhookEndpoints).values({ url: "https://hooks.example.test/in", events: ["service.active"], secret: encrypt("whsec-1") });
    for (let i = 0; i < 4; i++) {
      await db.insert(emailOutbox).values({ dedupeKey: `rotation:${i}`, to: "c@example.test", subject: "Hello", template: "welcome", props: encryptJson({ n: i }) });
    }
  });
  afterEach(() => useKeys(original));
  afterAll(async () => database.close());

  it("a database from before the check refuses a key that does not decrypt its secrets, and records the right one", async () => {
    useKeys(newKey);
    await expect(checkEncryptionKey(database.db)).rejects.toThrow(/^APP_ENCRYPTION_KEY: is not the key this database's secrets are encrypted with/);
    expect(await database.db.select().from(settings).where(eq(settings.key, KEY_CHECK))).toEqual([]);
    useKeys(original);
    expect(await checkEncryptionKey(database.db)).toBe("current");
    useKeys(newKey);
    await expect(checkEncryptionKey(database.db)).rejects.toMatchObject({ name: "ConfigError", variable: "APP_ENCRYPTION_KEY" });
  });

  it("with another key the handler page says the credentials cannot be read, and the admin types them again", async () => {
    useKeys(newKey);
    const view = await getHandler({ ctx: sys(database.db), input: { handlerId } });
    expect(view).toMatchObject({ secretsUnreadable: true, secretsSet: [] });
    const [before] = await database.db.select().from(handlers).where(eq(handlers.id, handlerId));
    const connection = { url: "http://127.0.0.1:9", username: "admin", password: "" };
    await expect(updateHandler({ ctx: sys(database.db), input: { handlerId, connection } })).rejects.toMatchObject({ code: "validation" });
    await updateHandler({ ctx: sys(database.db), input: { handlerId, connection: { ...connection, password: "Typed-Again-2" } } });
    const [after] = await database.db.select().from(handlers).where(eq(handlers.id, handlerId));
    expect(decryptJson(after!.secrets)).toEqual({ password: "Typed-Again-2" });
    await database.db.update(handlers).set({ secrets: before!.secrets }).where(eq(handlers.id, handlerId));

    const [service] = await database.db.update(services).set({ status: "active" }).returning({ id: services.id });
    await expect(revealServiceSecrets({ ctx: sys(database.db), input: { serviceId: service!.id } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("cannot be read (they were saved with another encryption key)"),
    });
  });

  it("old and new key together: reads both, writes with the new; rotate-key resumes after a stop and moves the check value", async () => {
    useKeys(newKey, original);
    expect(await checkEncryptionKey(database.db)).toBe("old");
    const [service] = await database.db.select().from(services).limit(1);
    expect(decryptJson(service!.secrets)).toHaveProperty("password");
    const fresh = encrypt("written during the rotation");
    useKeys(newKey);
    expect(decrypt(fresh)).toBe("written during the rotation");

    useKeys(newKey, original);
    const ctx = sys(database.db);
    const seen: RotationProgress[] = [];
    const stopAfter = 4;
    await expect(
      rotateEncryptionKey({ ctx, input: { batchSize: 1 }, onProgress: (p) => {
        seen.push(p);
        if (seen.length === stopAfter) throw new Error("killed");
      } }),
    ).rejects.toThrow("killed");
    expect(await checkEncryptionKey(database.db)).toBe("old");

    const progress: RotationProgress[] = [];
    const result = await rotateEncryptionKey({ ctx, input: { batchSize: 2 }, onProgress: (p) => progress.push(p) });
    // 1 handler + 3 services + 1 webhook endpoint + 13 emails (4, and each of the 3 orders' confirmation, invoice and receipt); the 4 done before the stop are not done twice.
    expect(result.reencrypted).toBe(18 - stopAfter);
    expect(result.unreadable).toEqual([]);
    expect(progress.at(-1)).toEqual({ column: "email_outbox.props", checked: 13, total: 13, reencrypted: 13 });

    useKeys(newKey);
    expect(await checkEncryptionKey(database.db)).toBe("current");
    const values = [
      ...(await database.db.select({ v: handlers.secrets }).from(handlers)),
      ...(await database.db.select({ v: services.secrets }).from(services)),
      ...(await database.db.select({ v: webhookEndpoints.secret }).from(webhookEndpoints)),
      ...(await database.db.select({ v: emailOutbox.props }).from(emailOutbox)),
    ];
    expect(values.map((r) => decrypt(r.v!)).length).toBe(18);
    expect((await getHandler({ ctx, input: { handlerId } })).secretsSet).toEqual(["password"]);
    useKeys(original);
    await expect(checkEncryptionKey(database.db)).rejects.toThrow(/APP_ENCRYPTION_KEY/);
  });

  it("a database with a migration this code does not know is refused, naming it", async () => {
    const when = Date.now() + 86_400_000;
    await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('0123456789abcdef', ${when})`);
    await expect(migrateDatabase(database, database.url)).rejects.toThrow(
      `DATABASE_URL: the database has migrations this release does not know: ${when}, applied ${new Date(when).toISOString()} (hash 0123456789ab)`,
    );
    await database.db.execute(sql`update settings set value = value || ${JSON.stringify({ [String(when)]: "0099_newer_release" })}::jsonb where key = 'migrationNames'`);
    await expect(migrateDatabase(database, database.url)).rejects.toThrow(/does not know: 0099_newer_release\. A newer release/);
    // A rollback over an expand-only migration: the operator names it, and the older release starts.
    process.env.PROVISIO_ACCEPT_MIGRATIONS = "0098_other, 0099_newer_release";
    try {
      expect((await migrateDatabase(database, database.url)).applied).toEqual([]);
    } finally {
      delete process.env.PROVISIO_ACCEPT_MIGRATIONS;
    }
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${when}`);
    expect((await migrateDatabase(database, database.url)).applied).toEqual([]);
  });
});
