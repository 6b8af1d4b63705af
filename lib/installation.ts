import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "./db";
import { settings } from "./db/schema";

const KEY = "installationId";
const known = new WeakMap<Db, Promise<string>>();

/**
 * This installation's id: made once, kept in the settings table, the same for the web, every
 * worker and the Trigger.dev tasks on one database. It prefixes keys sent to shared outside
 * services (Resend's idempotency keys), so two installations on one account never collide.
 */
export function installationId(db: Db): Promise<string> {
  let id = known.get(db);
  if (!id) {
    id = read(db).catch((error: unknown) => {
      known.delete(db);
      throw error;
    });
    known.set(db, id);
  }
  return id;
}

async function read(db: Db): Promise<string> {
  const fresh = randomUUID().slice(0, 12);
  await db.insert(settings).values({ key: KEY, value: fresh }).onConflictDoNothing({ target: settings.key });
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return String(row?.value ?? fresh);
}
