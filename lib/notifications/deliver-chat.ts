import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { systemClock, type Clock } from "../clock";
import { decrypt } from "../crypto";
import type { Db } from "../db";
import { chatOutbox, departments } from "../db/schema";
import { MAX_WEBHOOK_ATTEMPTS, webhookBackoffMs } from "../webhooks/deliver";

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export type DeliverChatOptions = { clock?: Clock; limit?: number; leaseMs?: number; timeoutMs?: number };
export type DeliverChatResult = { sent: number; failed: number; retried: number };

/**
 * The JSON both chat services read: Slack incoming webhooks take {"text"}, Telegram's sendMessage
 * takes {"chat_id", "text"}; chat_id is only sent when the department has one.
 */
export function chatBody(text: string, chatId: string | null): string {
  return JSON.stringify(chatId ? { chat_id: chatId, text } : { text });
}

/** Claims due chat messages under a lease and posts each to its department's webhook, retrying with the webhook backoff. */
export async function deliverChat(db: Db, options: DeliverChatOptions = {}): Promise<DeliverChatResult> {
  const { clock = systemClock, limit = 20, leaseMs = LEASE_MS, timeoutMs = TIMEOUT_MS } = options;
  const result: DeliverChatResult = { sent: 0, failed: 0, retried: 0 };
  const claimed = await claim(db, clock.now(), limit, leaseMs);
  await Promise.all(
    claimed.map(async (row) => {
      const mine = and(eq(chatOutbox.id, row.id), eq(chatOutbox.status, "sending"), eq(chatOutbox.attempts, row.attempts));
      let responseStatus: number | null = null;
      try {
        if (!row.chatUrl || row.notify === "off") throw new GiveUp("The department has no chat webhook now");
        const response = await fetch(decrypt(row.chatUrl), {
          method: "POST",
          body: chatBody(row.text, row.chatId),
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
          headers: { "content-type": "application/json", "user-agent": "Provisio-Webhooks/1" },
        });
        responseStatus = response.status;
        const text = (await response.text().catch(() => "")).slice(0, 200);
        if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ""}`);
        await db.update(chatOutbox).set({ status: "sent", deliveredAt: clock.now(), responseStatus, leaseUntil: null, lastError: null }).where(mine);
        result.sent++;
      } catch (error) {
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = error instanceof GiveUp || row.attempts >= MAX_WEBHOOK_ATTEMPTS;
        const runAt = new Date(clock.now().getTime() + webhookBackoffMs(row.attempts));
        await db
          .update(chatOutbox)
          .set(failed ? { status: "failed", leaseUntil: null, lastError, responseStatus } : { status: "queued", leaseUntil: null, lastError, responseStatus, runAt })
          .where(mine);
        if (failed) result.failed++;
        else result.retried++;
      }
    }),
  );
  return result;
}

class GiveUp extends Error {}

async function claim(db: Db, now: Date, limit: number, leaseMs: number) {
  const due = db
    .select({ id: chatOutbox.id })
    .from(chatOutbox)
    .where(or(and(eq(chatOutbox.status, "queued"), lte(chatOutbox.runAt, now)), and(eq(chatOutbox.status, "sending"), lt(chatOutbox.leaseUntil, now))))
    .orderBy(chatOutbox.runAt, chatOutbox.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(chatOutbox)
    .set({ status: "sending", leaseUntil: new Date(now.getTime() + leaseMs), attempts: sql`${chatOutbox.attempts} + 1` })
    .where(inArray(chatOutbox.id, due))
    .returning({ id: chatOutbox.id, departmentId: chatOutbox.departmentId, text: chatOutbox.text, attempts: chatOutbox.attempts });
  if (rows.length === 0) return [];
  const found = await db
    .select({ id: departments.id, chatUrl: departments.chatUrl, chatId: departments.chatId, notify: departments.notify })
    .from(departments)
    .where(inArray(departments.id, [...new Set(rows.map((r) => r.departmentId))]));
  return rows.map((row) => {
    const d = found.find((x) => x.id === row.departmentId);
    return { ...row, chatUrl: d?.chatUrl ?? null, chatId: d?.chatId ?? null, notify: d?.notify ?? "off" };
  });
}
