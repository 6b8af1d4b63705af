import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { webhookEndpoints, webhookOutbox, tasks } from "@/lib/db/schema";
import { decrypt } from "@/lib/crypto";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { deliverWebhooks, MAX_WEBHOOK_ATTEMPTS } from "@/lib/webhooks/deliver";
import { signWebhook, verifyWebhookSignature } from "@/lib/webhooks/signature";
import { sweepOperations } from "@/lib/processing/sweep";
import { closeTask } from "@/lib/services/tasks/close";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks/delete-endpoint";
import { listWebhookEndpoints } from "@/lib/services/webhooks/list-endpoints";
import { listWebhookDeliveries } from "@/lib/services/webhooks/list-deliveries";
import { deliverWebhookOutbox } from "@/jobs/deliver-webhooks";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

type Hit = { path: string; delivery: string; event: string; signature: string; body: string };

/** A receiver on 127.0.0.1: /ok takes everything, /flaky fails each delivery's first try, /down always fails, /slow never answers in time. */
async function startReceiver() {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const delivery = String(req.headers["x-provisio-delivery"]);
      const seen = hits.some((h) => h.delivery === delivery);
      hits.push({ path: req.url!, delivery, event: String(req.headers["x-provisio-event"]), signature: String(req.headers["x-provisio-signature"]), body });
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 2_000);
      const ok = req.url === "/ok" || (req.url === "/flaky" && seen);
      res.writeHead(ok ? 204 : 503, { "content-type": "text/plain" });
      res.end(ok ? "" : "receiver is down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { hits, url, close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); } };
}

describe("webhooks: endpoints, signatures, delivery with retries", () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = testClock();
  const db = () => database.db;
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    await db().delete(webhookEndpoints);
    receiver.hits.length = 0;
    clock.set(new Date(Date.now() + 1000));
  });
  afterAll(async () => {
    await receiver?.close();
    await database?.close();
  });

  it("signs over timestamp and body, and verification refuses anything else", () => {
    const body = '{"event":"service.active"}';
    const now = 1_800_000_000;
    const header = signWebhook("whsec_test", body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature("whsec_test", header, body, 300, now + 299)).toBe(true);
    expect(verifyWebhookSignature("whsec_test", header, `${body} `, 300, now)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", header, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature("whsec_test", header, body, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature("whsec_test", header.replace("t=1800000000", "t=1800000001"), body, 300, now)).toBe(false);
    expect(verifyWebhookSignature("whsec_test", `${header.split(",")[0]},v1=${"0".repeat(64)},${header.split(",")[1]}`, body, 300, now)).toBe(true);
    for (const bad of [undefined, "", "t=abc,v1=00", "v1=abc", `t=${now}`]) expect(verifyWebhookSignature("whsec_test", bad, body, 300, now)).toBe(false);
  });

  it("lets admins add, list and delete endpoints; the secret is shown once and stored encrypted", async () => {
    const { actor: staff } = await createUser(db(), "staff");
    await expect(createWebhookEndpoint({ ctx: { db: db(), actor: staff }, input: { url: "https://x.test/h", events: ["task.closed"] } })).rejects.toMatchObject({ code: "forbidden" });
    for (const url of ["ftp://x.test/h", "not a url", ""]) {
      await expect(createWebhookEndpoint({ ctx: sys(db()), input: { url, events: ["task.closed"] } })).rejects.toMatchObject({ code: "validation" });
    }
    await expect(createWebhookEndpoint({ ctx: sys(db()), input: { url: "https://x.test/h", events: ["service.exploded"] } })).rejects.toMatchObject({ code: "validation" });
    const { endpoint, secret } = await createWebhookEndpoint({ ctx: sys(db()), input: { url: "https://x.test/h", events: ["task.closed", "task.closed"] } });
    expect(secret).toMatch(/^whsec_/);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.secret).not.toContain(secret);
    expect(decrypt(row!.secret)).toBe(secret);
    const listed = await listWebhookEndpoints({ ctx: sys(db()) });
    expect(listed).toEqual([expect.objectContaining({ id: endpoint.id, events: ["task.closed"], queued: 0, failed: 0 })]);
    expect(listed[0]).not.toHaveProperty("secret");
    await deleteWebhookEndpoint({ ctx: sys(db()), input: { endpointId: endpoint.id } });
    await expect(deleteWebhookEndpoint({ ctx: sys(db()), input: { endpointId: endpoint.id } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("delivers the engine's events signed, retries a failing receiver with backoff, and logs it", async () => {
    const { secret } = await createWebhookEndpoint({ ctx: sys(db()), input: { url: `${receiver.url}/flaky`, events: ["service.active", "task.closed"] } });
    const handler = await makeHandler(db(), { module: "manual" });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id] });
    const service = await orderAndPay(db(), (await createClient(db(), 10_000)).id, tariff.id);
    await sweepOperations(db());
    const [task] = await db().select().from(tasks).where(eq(tasks.serviceId, service.id));
    await closeTask({ ctx: sys(db()), input: { taskId: task!.id, fields: { login: "bob" } } });
    const queued = await db().select().from(webhookOutbox);
    expect(queued.map((r) => r.event).sort()).toEqual(["service.active", "task.closed"]);
    clock.set(new Date(Date.now() + 1000));

    expect(await deliverWebhooks(db(), { clock })).toEqual({ sent: 0, failed: 0, retried: 2 });
    const retrying = await db().select().from(webhookOutbox);
    for (const row of retrying) {
      expect(row).toMatchObject({ status: "queued", attempts: 1, responseStatus: 503, lastError: "HTTP 503: receiver is down for maintenance" });
      expect(row.runAt.getTime()).toBe(clock.now().getTime() + 10_000);
    }
    expect(await deliverWebhooks(db(), { clock })).toEqual({ sent: 0, failed: 0, retried: 0 });
    clock.advance(11);
    const [one, two] = await Promise.all([deliverWebhooks(db(), { clock }), deliverWebhooks(db(), { clock })]);
    expect(one.sent + two.sent).toBe(2);
    expect(receiver.hits).toHaveLength(4);
    for (const hit of receiver.hits) {
      expect(verifyWebhookSignature(secret, hit.signature, hit.body, 300, Math.floor(clock.now().getTime() / 1000))).toBe(true);
      const body = JSON.parse(hit.body) as { id: number; event: string; data: Record<string, unknown> };
      expect(body).toMatchObject({ id: Number(hit.delivery), event: hit.event, data: { serviceId: service.id } });
    }
    const log = await listWebhookDeliveries({ ctx: sys(db()) });
    expect(log.items.map((d) => [d.status, d.attempts, d.responseStatus, d.lastError])).toEqual([["sent", 2, 204, null], ["sent", 2, 204, null]]);
  });

  it("gives up after the last attempt, on timeouts and refused connections too", async () => {
    const slow = await createWebhookEndpoint({ ctx: sys(db()), input: { url: `${receiver.url}/slow`, events: ["operation.failed"] } });
    const down = await createWebhookEndpoint({ ctx: sys(db()), input: { url: "http://127.0.0.1:9/hook", events: ["operation.manual"] } });
    await enqueueWebhookEvent(db(), "operation.failed", "operation.failed:op:1:3", { operationId: 1 });
    await enqueueWebhookEvent(db(), "operation.manual", "operation.manual:op:1:3", { operationId: 1 });
    const first = await deliverWebhooks(db(), { clock, timeoutMs: 200 });
    expect(first).toEqual({ sent: 0, failed: 0, retried: 2 });
    const [timedOut] = await db().select().from(webhookOutbox).where(eq(webhookOutbox.endpointId, slow.endpoint.id));
    expect(timedOut!.lastError).toMatch(/timeout|aborted/i);
    for (let i = 1; i < MAX_WEBHOOK_ATTEMPTS; i++) {
      clock.advance(13 * 3600);
      await deliverWebhooks(db(), { clock, timeoutMs: 200 });
    }
    const rows = await db().select().from(webhookOutbox);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["failed", MAX_WEBHOOK_ATTEMPTS], ["failed", MAX_WEBHOOK_ATTEMPTS]]);
    const [refused] = rows.filter((r) => r.endpointId === down.endpoint.id);
    expect(refused!.lastError).toBeTruthy();
    expect((await listWebhookEndpoints({ ctx: sys(db()) })).map((e) => e.failed)).toEqual([1, 1]);
    clock.advance(48 * 3600);
    expect(await deliverWebhooks(db(), { clock })).toEqual({ sent: 0, failed: 0, retried: 0 });
  });

  it("drains the outbox from the scheduled job, and fails deliveries of a disabled endpoint", async () => {
    const on = await createWebhookEndpoint({ ctx: sys(db()), input: { url: `${receiver.url}/ok`, events: ["task.closed"] } });
    await enqueueWebhookEvent(db(), "task.closed", "task.closed:1", { taskId: 1 });
    expect(await deliverWebhookOutbox(db())).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(receiver.hits.map((h) => [h.path, h.event])).toEqual([["/ok", "task.closed"]]);
    await db().update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, on.endpoint.id));
    await enqueueWebhookEvent(db(), "task.closed", "task.closed:2", { taskId: 2 });
    expect(await db().select().from(webhookOutbox).where(eq(webhookOutbox.dedupeKey, "task.closed:2"))).toHaveLength(0);
    await db().insert(webhookOutbox).values({ endpointId: on.endpoint.id, event: "task.closed", dedupeKey: "task.closed:3", payload: { event: "task.closed", data: {} } });
    expect(await deliverWebhooks(db(), { clock: { now: () => new Date(Date.now() + 1000) } })).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect(receiver.hits).toHaveLength(1);
    const [row] = await db().select().from(webhookOutbox).where(eq(webhookOutbox.dedupeKey, "task.closed:3"));
    expect(row).toMatchObject({ status: "failed", lastError: "The endpoint is disabled" });
  });
});
