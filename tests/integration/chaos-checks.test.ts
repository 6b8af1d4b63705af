import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { clients, emailOutbox, operations, serviceSuspensions, services } from "@/lib/db/schema";
import type { PanelObject } from "../../scripts/chaos/panels";
import { check } from "../../scripts/chaos/checks";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/** The chaos run's checks find each kind of damage they are meant to find, and nothing on a sound state. */
describe("chaos checks", () => {
  let database: TestDatabase;
  let service: { id: number; remoteName: string };
  const none = { ispmanager: [], cpanel: [], vmmanager: [], vcloud: [], webnames: [], epp: [] };
  const panels = (objects: PanelObject[]) => ({ ...none, ispmanager: objects });
  const ours = (name: string, state: PanelObject["state"] = "active"): PanelObject => ({ name, state, foreign: false });

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "a", password: "b" } });
    const tariff = await makeTariff(database.db, { handlerIds: [handler.id] });
    const client = await createClient(database.db, 100_000);
    const paid = await orderAndPay(database.db, client.id, tariff.id, { params: { domain: "example.com" } });
    service = { id: paid.id, remoteName: paid.remoteName };
    await database.db.update(services).set({ handlerId: handler.id }).where(eq(services.id, paid.id));
  });
  afterAll(() => database.close());

  it("a paid service whose open operation is still queued is stuck", async () => {
    const f = await check(database.db, panels([]), new Map());
    expect(f.stuck.join("\n")).toContain(`of service ${service.id} still queued`);
  });

  it("an active service: its object missing is lost, doubled is a duplicate, another state is a mismatch, a stranger is an orphan", async () => {
    await database.db.update(operations).set({ status: "done", doneBy: "module", finishedAt: new Date() }).where(eq(operations.serviceId, service.id));
    await database.db.update(services).set({ status: "active" }).where(eq(services.id, service.id));
    expect((await check(database.db, panels([]), new Map())).lost).toEqual([`ispmanager: service ${service.id} is active but ${service.remoteName} is not on the panel`]);
    expect((await check(database.db, panels([ours(service.remoteName), ours(service.remoteName)]), new Map())).duplicates).toHaveLength(1);
    expect((await check(database.db, panels([ours(service.remoteName, "suspended")]), new Map())).state).toHaveLength(1);
    const f = await check(database.db, panels([ours(service.remoteName), ours("pv999999"), { ...ours("pv888888"), foreign: true }]), new Map());
    expect(f.orphans).toEqual(["ispmanager: pv999999 belongs to no live service"]);
    expect([f.lost, f.duplicates, f.state, f.stuck, f.ledger]).toEqual([[], [], [], [], []]);
  });

  it("an activated service without its welcome email, and a balance that is not its ledger, are found", async () => {
    // The order's money emails (confirmation, invoice, receipt) are delivered; no welcome email was queued.
    expect(await database.db.update(emailOutbox).set({ status: "sent" }).returning()).not.toHaveLength(0);
    const f = await check(database.db, panels([ours(service.remoteName)]), new Map());
    expect(f.email).toEqual([`service ${service.id}: 0 welcome emails, expected 1`]);
    await database.db.update(clients).set({ balance: sql`${clients.balance} + 1` });
    expect((await check(database.db, panels([ours(service.remoteName)]), new Map())).ledger.join("\n")).toMatch(/balance \d+, ledger sum \d+/);
  });

  it("an active service that still holds a suspension, and a client left suspended, are found; lifted, neither is", async () => {
    const [service1] = await database.db.select().from(services).where(eq(services.id, service.id));
    await database.db.insert(serviceSuspensions).values({ serviceId: service.id, reason: "admin", scope: "client" });
    await database.db.update(clients).set({ suspendedAt: new Date() }).where(eq(clients.id, service1!.clientId));
    const f = await check(database.db, panels([ours(service.remoteName)]), new Map());
    expect(f.stuck).toContain(`service ${service.id} is active while it holds a suspension (client:admin) and no task holds it`);
    expect(f.stuck).toContain(`client ${service1!.clientId} is still suspended`);
    await database.db.update(serviceSuspensions).set({ liftedAt: new Date() });
    await database.db.update(clients).set({ suspendedAt: null });
    expect((await check(database.db, panels([ours(service.remoteName)]), new Map())).stuck).toEqual([]);
  });
});
