import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../db";
import { idempotencyKeys } from "../db/schema";
import { sha256 } from "../crypto";
import { ApiError } from "./errors";

/** An answer as it leaves the API: status and JSON text. */
export type ApiAnswer = { status: number; text: string };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_WAIT_MS = 10_000;
const POLL_MS = 25;
/** An in-progress key older than this belongs to a request that died; the next repeat runs it. */
const STALE_MS = 60_000;

type IdempotentRequest = { apiKeyId: number; key: string; method: string; path: string; body: unknown };

/**
 * Runs a POST once per Idempotency-Key: the key is written first (in progress), so a concurrent
 * duplicate waits for the first answer instead of running again. The same key with another
 * request is a conflict. Only successes are kept: a verb that fails changes nothing (it runs in a
 * transaction), so after an error the key is free again for a retry or a corrected request.
 */
export async function idempotent(
  db: Db,
  request: IdempotentRequest,
  run: () => Promise<ApiAnswer>,
  waitMs = IDEMPOTENCY_WAIT_MS,
): Promise<ApiAnswer & { replayed: boolean }> {
  if (!KEY_PATTERN.test(request.key)) {
    throw new ApiError(400, "validation", "Idempotency-Key must be 1 to 255 visible ASCII characters", { fields: { "Idempotency-Key": ["Not a valid key"] } });
  }
  const requestHash = sha256(`${request.method} ${request.path}\n${JSON.stringify(request.body)}`);
  const started = Date.now();
  for (;;) {
    const claimed = await claim(db, request, requestHash);
    if (typeof claimed === "number") return { ...(await runOnce(db, claimed, run)), replayed: false };
    if (claimed.responseStatus !== null) return { status: claimed.responseStatus, text: claimed.responseBody ?? "null", replayed: true };
    if (Date.now() - started > waitMs) {
      throw new ApiError(409, "idempotency_in_progress", "A request with this Idempotency-Key is still in progress", null, { "retry-after": "1" });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function claim(db: Db, request: IdempotentRequest, requestHash: string) {
  const [inserted] = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId: request.apiKeyId, key: request.key, method: request.method, path: request.path, requestHash })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  if (inserted) return inserted.id;
  const mine = and(eq(idempotencyKeys.apiKeyId, request.apiKeyId), eq(idempotencyKeys.key, request.key));
  const [existing] = await db.select().from(idempotencyKeys).where(mine);
  if (!existing) return claim(db, request, requestHash);
  if (existing.requestHash !== requestHash) {
    throw new ApiError(409, "idempotency_key_reused", "This Idempotency-Key was used with another request", {
      method: existing.method,
      path: existing.path,
    });
  }
  if (existing.responseStatus === null) {
    const [taken] = await db
      .update(idempotencyKeys)
      .set({ createdAt: new Date() })
      .where(and(eq(idempotencyKeys.id, existing.id), isNull(idempotencyKeys.responseStatus), lt(idempotencyKeys.createdAt, new Date(Date.now() - STALE_MS))))
      .returning({ id: idempotencyKeys.id });
    if (taken) return taken.id;
  }
  return existing;
}

async function runOnce(db: Db, rowId: number, run: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  let answer: ApiAnswer;
  try {
    answer = await run();
  } catch (error) {
    await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, rowId));
    throw error;
  }
  if (answer.status >= 300) await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, rowId));
  else await db.update(idempotencyKeys).set({ responseStatus: answer.status, responseBody: answer.text }).where(eq(idempotencyKeys.id, rowId));
  return answer;
}
