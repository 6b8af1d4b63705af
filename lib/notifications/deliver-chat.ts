import { inArray } from "drizzle-orm";
import { systemClock, type Clock } from "../clock";
import { decrypt } from "../crypto";
import type { Db } from "../db";
import { chatOutbox, departments } from "../db/schema";
import { deliverBatch, GiveUp, type DeliveryResult } from "../outbox/deliver-batch";

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export type DeliverChatOptions = { clock?: Clock; limit?: number; leaseMs?: number; timeoutMs?: number };
export type DeliverChatResult = DeliveryResult;

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
  return deliverBatch(db, chatOutbox, {
    clock,
    limit,
    leaseMs,
    async complete(rows) {
      const found = await db
        .select({ id: departments.id, chatUrl: departments.chatUrl, chatId: departments.chatId, notify: departments.notify })
        .from(departments)
        .where(inArray(departments.id, [...new Set(rows.map((r) => r.departmentId))]));
      return rows.map((row) => {
        const d = found.find((x) => x.id === row.departmentId);
        return { ...row, chatUrl: d?.chatUrl ?? null, chatId: d?.chatId ?? null, notify: d?.notify ?? "off" };
      });
    },
    send(row) {
      if (!row.chatUrl || row.notify === "off") throw new GiveUp("The department has no chat webhook now");
      return fetch(decrypt(row.chatUrl), {
        method: "POST",
        body: chatBody(row.text, row.chatId),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: { "content-type": "application/json", "user-agent": "Provisio-Webhooks/1" },
      });
    },
  });
}
