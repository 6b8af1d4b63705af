import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, balanceEntries, clients, invoices, operations, services } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import { deliverEmails } from "@/lib/email/deliver";
import { AppError } from "@/lib/errors";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Actor, Ctx } from "@/lib/services/context";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { listMyEmails } from "@/lib/services/emails/list-mine";
import { listInvoices } from "@/lib/services/invoices/list";
import { getService } from "@/lib/services/services/get";
import { listServices } from "@/lib/services/services/list";
import { renewService } from "@/lib/services/services/renew";
import { requestClose } from "@/lib/services/services/request-close";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { setAutoRenew } from "@/lib/services/services/set-auto-renew";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("the client area's verbs", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  const clock = testClock(new Date("2031-03-01T00:00:00Z"));
  let tariffId: number;
  let alice: { clientId: number; actor: Actor; serviceIds: number[] };
  let bob: { clientId: number; actor: Actor; serviceIds: number[] };
  let staff: Actor;
  const db = () => database.db;
  const ctx = (actor: Actor): Ctx => ({ db: db(), actor, clock });
  const codeOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).code;

  async function clientWith(balance: number, count: number) {
    const client = await createClient(db(), balance);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    const serviceIds: number[] = [];
    for (let i = 0; i < count; i++) serviceIds.push((await orderAndPay(db(), client.id, tariffId, {}, clock)).id);
    return { clientId: client.id, actor, serviceIds };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const handler = await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 500 })).id;
    alice = await clientWith(2000, 3);
    bob = await clientWith(10_000, 2);
    staff = (await createUser(db(), "staff")).actor;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("lists a client's own services only, newest first, page by page; staff see any client's", async () => {
    const first = await listServices({ ctx: ctx(alice.actor), input: { limit: 2 } });
    expect(first.items.map((s) => s.id)).toEqual([alice.serviceIds[2], alice.serviceIds[1]]);
    expect(first.items[0]).not.toHaveProperty("secrets");
    expect(first.items[0]!.pending).toBe("open");
    const second = await listServices({ ctx: ctx(alice.actor), input: { limit: 2, cursor: first.nextCursor } });
    expect(second).toEqual({ items: [expect.objectContaining({ id: alice.serviceIds[0] })], nextCursor: null });
    expect(await codeOf(listServices({ ctx: ctx(alice.actor), input: { clientId: bob.clientId } }))).toBe("not_found");
    expect(await codeOf(listServices({ ctx: ctx({ type: "anonymous" }) }))).toBe("unauthorized");
    const all = await listServices({ ctx: ctx(staff), input: { limit: 100 } });
    expect(all.items).toHaveLength(5);
    const names = await db().select({ id: clients.id, name: clients.name }).from(clients);
    const nameOf = (id: number) => names.find((c) => c.id === id)?.name;
    expect(all.items.map((s) => s.clientName)).toEqual(all.items.map((s) => nameOf(s.clientId)));
    expect(all.items.every((s) => s.clientName && s.clientName.length > 0)).toBe(true);
    const bobs = await listServices({ ctx: ctx(staff), input: { clientId: bob.clientId, status: "processing" } });
    expect(bobs.items.map((s) => s.id)).toEqual([...bob.serviceIds].reverse());
  });

  it("shows a service with its history and operations but never its secrets; another client's is 404", async () => {
    await sweepOperations(db(), { clock });
    const s = await getService({ ctx: ctx(alice.actor), input: { serviceId: alice.serviceIds[0] } });
    expect(s).toMatchObject({ status: "active", pending: null, hasSecrets: true, renewal: { months: 1, price: 500, currency: "USD" } });
    expect(s).not.toHaveProperty("secrets");
    expect(JSON.stringify(s)).not.toContain(decryptJson((await db().select().from(services).where(eq(services.id, s.id)))[0]!.secrets).password);
    expect(s.history.map((h) => h.message)).toEqual(["Service set up", "Paid; being set up"]);
    expect(s.operations.map((o) => [o.kind, o.status])).toEqual([["open", "done"]]);
    expect(s.resources).toEqual([{ key: "disk", label: "Disk", unit: "GiB", amount: 1 }]);
    // Staff see the processing module by name; the client does not learn which one serves it.
    expect(s.handler).toBeNull();
    const forStaff = await getService({ ctx: ctx(staff), input: { serviceId: alice.serviceIds[0] } });
    expect(forStaff.handler).toEqual({ id: s.handlerId, name: expect.any(String) });
    expect(await codeOf(getService({ ctx: ctx(bob.actor), input: { serviceId: alice.serviceIds[0] } }))).toBe("not_found");
  });

  it("reveals secrets to the owner only, with an audit row that names fields and not values", async () => {
    const serviceId = alice.serviceIds[0]!;
    expect(await codeOf(revealServiceSecrets({ ctx: ctx(bob.actor), input: { serviceId } }))).toBe("not_found");
    const secrets = await revealServiceSecrets({ ctx: ctx(alice.actor), input: { serviceId } });
    expect(secrets.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.action, "service.reveal_secrets"), eq(auditLog.entityId, String(serviceId))));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toEqual({ fields: ["password"] });
    expect(JSON.stringify(rows[0])).not.toContain(secrets.password!);
  });

  it("renews now: insufficient funds changes nothing; a double request charges once", async () => {
    const poor = await clientWith(500, 1);
    await sweepOperations(db(), { clock });
    const serviceId = poor.serviceIds[0]!;
    const before = await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, poor.clientId));
    const error = (await renewService({ ctx: ctx(poor.actor), input: { serviceId } }).catch((e: unknown) => e)) as AppError;
    expect(error.message).toBe("Insufficient funds: the renewal costs $5.00, the balance is $0.00");
    expect(await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, poor.clientId))).toEqual(before);
    expect(await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "prolong")))).toHaveLength(0);

    const target = bob.serviceIds[0]!;
    const results = await Promise.all([renewService({ ctx: ctx(bob.actor), input: { serviceId: target } }), renewService({ ctx: ctx(bob.actor), input: { serviceId: target } })]);
    expect(results.map((r) => r.charged).sort()).toEqual([false, true]);
    expect((await db().select().from(clients).where(eq(clients.id, bob.clientId)))[0]!.balance).toBe(10_000 - 2 * 500 - 500);
    expect(await db().select().from(invoices).where(and(eq(invoices.serviceId, target), eq(invoices.kind, "renewal")))).toHaveLength(1);
    const expiry = (await db().select().from(services).where(eq(services.id, target)))[0]!.expiresAt!;
    await sweepOperations(db(), { clock });
    expect((await db().select().from(services).where(eq(services.id, target)))[0]!.expiresAt!.getTime()).toBeGreaterThan(expiry.getTime());
  });

  it("turns auto-renew off and requests closing once, through a close operation on the panel", async () => {
    const serviceId = alice.serviceIds[1]!;
    expect(await setAutoRenew({ ctx: ctx(alice.actor), input: { serviceId, autoRenew: false } })).toEqual({ id: serviceId, autoRenew: false });
    expect(await codeOf(setAutoRenew({ ctx: ctx(bob.actor), input: { serviceId, autoRenew: true } }))).toBe("not_found");
    const first = await requestClose({ ctx: ctx(alice.actor), input: { serviceId } });
    const second = await requestClose({ ctx: ctx(alice.actor), input: { serviceId } });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.operationId).toBe(first.operationId);
    expect((await getService({ ctx: ctx(alice.actor), input: { serviceId } })).pending).toBe("close");
    await sweepOperations(db(), { clock });
    const closed = await getService({ ctx: ctx(alice.actor), input: { serviceId } });
    expect(closed.status).toBe("closed");
    expect(closed.history[0]!.message).toBe("Service closed");
    expect(await codeOf(requestClose({ ctx: ctx(alice.actor), input: { serviceId } }))).toBe("conflict");
  });

  it("lists invoices and balance entries of the client's own account", async () => {
    const mine = await listInvoices({ ctx: ctx(bob.actor) });
    expect(mine.items.map((i) => i.kind)).toEqual(["renewal", "order", "order"]);
    expect(mine.items.every((i) => i.clientId === bob.clientId && i.status === "paid")).toBe(true);
    const page = await listBalanceEntries({ ctx: ctx(bob.actor), input: { limit: 2 } });
    expect(page.items.map((e) => e.amount)).toEqual([-500, -500]);
    const rest = await listBalanceEntries({ ctx: ctx(bob.actor), input: { limit: 2, cursor: page.nextCursor } });
    expect(rest.items.map((e) => [e.kind, e.amount])).toEqual([["charge", -500], ["credit", 10_000]]);
    expect(rest.nextCursor).toBeNull();
    expect(await codeOf(listInvoices({ ctx: ctx(bob.actor), input: { clientId: alice.clientId } }))).toBe("not_found");
    expect((await listInvoices({ ctx: ctx(staff), input: { clientId: alice.clientId } })).items).toHaveLength(3);
  });

  it("shows a client its own sent emails only", async () => {
    await deliverEmails(db(), { clock, limit: 100 });
    const alices = await listMyEmails({ ctx: ctx(alice.actor) });
    expect(alices.map((m) => m.subject.split(":")[0]).sort()).toEqual(["Service closed", "Your hosting is ready", "Your hosting is ready", "Your hosting is ready"]);
    expect(alices.every((m) => alice.serviceIds.includes(m.serviceId!))).toBe(true);
    const bobs = await listMyEmails({ ctx: ctx(bob.actor) });
    expect(bobs.every((m) => bob.serviceIds.includes(m.serviceId!))).toBe(true);
    expect(await codeOf(listMyEmails({ ctx: ctx(staff) }))).toBe("forbidden");
  });
});
