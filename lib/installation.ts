import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Conn, Db } from "./db";
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

const EMAIL = "outgoingEmail";

/** A restored copy or a staging database gets an identity of its own: a new id for keys sent outside. */
export async function renewInstallationId(db: Conn): Promise<{ before: string | null; after: string }> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const after = randomUUID().slice(0, 12);
  await db.insert(settings).values({ key: KEY, value: after }).onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: new Date() } });
  return { before: row ? String(row.value) : null, after };
}

/** Outgoing email switched off (a staging copy): emails stay in the Mail log as the local mailbox. */
export async function outgoingEmailOff(db: Conn): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, EMAIL));
  return row?.value === "off";
}

export async function setOutgoingEmail(db: Conn, on: boolean): Promise<void> {
  const value = on ? "on" : "off";
  await db.insert(settings).values({ key: EMAIL, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
