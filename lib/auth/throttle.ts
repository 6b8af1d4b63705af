import { eq, or, sql } from "drizzle-orm";
import type { Conn } from "../db";
import { signInAttempts } from "../db/schema";

/**
 * Limits on failed attempts, counted in the database per key. The first `free` failures cost
 * nothing; after them each try waits longer (1 s, 2 s, 4 s, … up to `maxDelayMs`) from the last
 * failure; at `lockAfter` failures the key is locked for `lockMs`, whatever the password.
 * Counters older than the window start again.
 */
export type Limit = { free: number; lockAfter: number; lockMs: number; maxDelayMs: number; windowMs: number };

/** Sign-ups from one address in an hour (`SIGN_UP_LIMIT`, default 10): raise it when many clients share one address. */
const signUpLimit = Math.max(2, Number.parseInt(process.env.SIGN_UP_LIMIT ?? "", 10) || 10);

export const limits = {
  /** One account from one address: whoever guesses from there waits, then is locked out (that address only). */
  account: { free: 3, lockAfter: 10, lockMs: 15 * 60_000, maxDelayMs: 30_000, windowMs: 15 * 60_000 },
  /** One account from every address together: no waits, a lock at 50 (the owner gets an unlock link by email). */
  accountWide: { free: 50, lockAfter: 50, lockMs: 15 * 60_000, maxDelayMs: 0, windowMs: 15 * 60_000 },
  ip: { free: 20, lockAfter: 100, lockMs: 15 * 60_000, maxDelayMs: 5_000, windowMs: 15 * 60_000 },
  signUp: { free: Math.floor(signUpLimit / 2), lockAfter: signUpLimit, lockMs: 60 * 60_000, maxDelayMs: 60_000, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** The counter keys of an account: per source address (`account:<email>|<address>`) and for all sources (`account:<email>`). */
export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const accountSourceKey = (email: string, ip: string | null | undefined) => `${accountKey(email)}|${ip ?? "unknown"}`;

export type Refusal = { reason: "locked" | "wait"; retryAfterSeconds: number };

export function delayFor(failures: number, limit: Limit): number {
  return failures < limit.free ? 0 : Math.min(1000 * 2 ** (failures - limit.free), limit.maxDelayMs);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Whether a key may try now: null, or why not and for how long. */
export async function checkLimit(conn: Conn, key: string, limit: Limit, now: Date): Promise<Refusal | null> {
  const [row] = await conn.select().from(signInAttempts).where(eq(signInAttempts.key, key));
  if (!row) return null;
  const t = now.getTime();
  if (row.lockedUntil) {
    if (row.lockedUntil.getTime() > t) return { reason: "locked", retryAfterSeconds: seconds(row.lockedUntil.getTime() - t) };
    return null;
  }
  if (t - row.lastFailureAt.getTime() >= limit.windowMs) return null;
  const ready = row.lastFailureAt.getTime() + delayFor(row.failures, limit);
  return ready > t ? { reason: "wait", retryAfterSeconds: seconds(ready - t) } : null;
}

/** Counts one failure (atomically, across processes); `locked` when this one locked the key. */
export async function recordFailure(conn: Conn, key: string, limit: Limit, now: Date): Promise<{ failures: number; locked: boolean; lockedUntil: Date | null }> {
  // Timestamps go into raw SQL as ISO text with a cast: postgres.js does not serialize a Date there.
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const stale = sql`(${signInAttempts.lockedUntil} is not null and ${signInAttempts.lockedUntil} <= ${ts(now)})
    or ${signInAttempts.lastFailureAt} <= ${ts(new Date(now.getTime() - limit.windowMs))}`;
  const failures = sql`case when ${stale} then 1 else ${signInAttempts.failures} + 1 end`;
  const lockUntil = new Date(now.getTime() + limit.lockMs);
  const [row] = await conn
    .insert(signInAttempts)
    .values({ key, failures: 1, lastFailureAt: now, lockedUntil: limit.lockAfter <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        failures,
        lastFailureAt: now,
        lockedUntil: sql`case when ${failures} >= ${limit.lockAfter} then ${ts(lockUntil)}
          when ${stale} then null else ${signInAttempts.lockedUntil} end`,
      },
    })
    .returning();
  return { failures: row!.failures, locked: row!.failures === limit.lockAfter, lockedUntil: row!.lockedUntil };
}

/** A success forgets the key's failures. */
export async function clearFailures(conn: Conn, key: string): Promise<void> {
  await conn.delete(signInAttempts).where(eq(signInAttempts.key, key));
}

/** Forgets every sign-in counter of an account: all its addresses and the account-wide one (after a password reset). */
export async function clearAccountFailures(conn: Conn, email: string): Promise<void> {
  const key = accountKey(email);
  await conn.delete(signInAttempts).where(or(eq(signInAttempts.key, key), sql`starts_with(${signInAttempts.key}, ${`${key}|`})`));
}

/** The caller's address as the nearest proxy saw it (the last X-Forwarded-For entry), or null. */
export function clientIp(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = forwarded?.at(-1) ?? headers?.get("x-real-ip")?.trim();
  return ip ? ip.slice(0, 64) : null;
}
