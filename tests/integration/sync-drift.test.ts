import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clients, operations, serviceHistory, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { startWebnamesSimulator, type WebnamesSimulator } from "@/lib/modules/webnames/simulator";
import { scheduleSyncs } from "@/lib/processing/schedule-syncs";
import { sweepOperations } from "@/lib/processing/sweep";
import { closeTask } from "@/lib/services/tasks/close";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { readSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay, siteDomain } from "../helpers/factories";

describe("sync raises what needs a person", () => {
  let database: TestDatabase;
  let isp: IspmanagerSimulator;
  let wn: WebnamesSimulator;
  const clock = testClock();
  let hosting: number;
  let domains: number;
  let clientId: number;
  let hostingDept: number;
  let domainDept: number;
  let staff: Awaited<ReturnType<typeof createUser>>;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    isp = await startIspmanagerSimulator();
    wn = await startWebnamesSimulator({ username: "reseller", password: "secret" });
    hostingDept = (await createDepartment(db(), "Hosting support")).id;
    domainDept = (await createDepartment(db(), "Domains")).id;
    staff = await createUser(db(), "staff", { departmentId: hostingDept });
    const ispHandler = await makeHandler(db(), { module: "ispmanager", departmentId: hostingDept, connection: { url: isp.url, username: "admin", password: "secret" } });
    hosting = (await makeTariff(db(), { handlerIds: [ispHandler.id] })).id;
    const wnHandler = await makeHandler(db(), {
      module: "webnames", productType: "domain", departmentId: domainDept, connection: { url: wn.url, username: "reseller", password: "secret" },
    });
    domains = (await makeTariff(db(), { handlerIds: [wnHandler.id], productType: "domain", template: null, resources: [], tlds: ["ru"] })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
    // a registrar needs the registrant's full contacts before it takes the order
    await db().update(clients).set({ phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "US" }).where(eq(clients.id, clientId));
  });
  afterAll(async () => {
    await isp.close();
    await wn.close();
    await database.close();
  });
  beforeEach(() => {
    isp.reset();
    wn.reset();
  });

  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const syncOps = (serviceId: number) =>
    db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "sync"))).orderBy(operations.id);
  const tasksOf = (serviceId: number) => db().select().from(tasks).where(eq(tasks.serviceId, serviceId)).orderBy(tasks.id);
  /** The scheduled sync sweep, once the sync interval has passed. */
  const syncRound = async () => {
    clock.advance((await readSettings(db())).syncIntervalSeconds + 60);
    await scheduleSyncs(db(), clock.now());
    await sweepOperations(db(), { clock });
  };
  const activeHosting = async () => {
    const paid = await orderAndPay(db(), clientId, hosting, { params: { domain: siteDomain() } }, clock);
    await sweepOperations(db(), { clock });
    const s = await service(paid.id);
    expect(s.status).toBe("active");
    return s;
  };

  it("an active service whose account is gone gets exactly one task for the handler's department, with the reason", async () => {
    const s = await activeHosting();
    delete isp.state.users[s.remoteName];
    await syncRound();
    const [op] = await syncOps(s.id);
    expect(op).toMatchObject({ status: "manual", attempts: 1 });
    const list = await tasksOf(s.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ operationId: op!.id, departmentId: hostingDept, status: "new", reason: "escalated" });
    expect(list[0]!.note).toContain(`sync: the service is active but the panel says missing: ISPmanager has no user '${s.remoteName}'`);
    const history = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, s.id));
    expect(history.some((h) => (h.staffNote ?? "").startsWith("Drift found by sync: the panel says the service is missing"))).toBe(true);
    expect((await service(s.id)).status).toBe("active");

    await syncRound();
    await syncRound();
    const again = await requestServiceOperation({ ctx: { db: db(), actor: staff.actor }, input: { serviceId: s.id, kind: "sync" } });
    expect(again).toEqual({ id: op!.id, created: false });
    await sweepOperations(db(), { clock });
    expect(await syncOps(s.id)).toHaveLength(1);
    expect(await tasksOf(s.id)).toHaveLength(1);
  });

  it("closing the task finishes the sync by hand; a later sync that still finds nothing raises one new task", async () => {
    const s = await activeHosting();
    delete isp.state.users[s.remoteName];
    await syncRound();
    const [task] = await tasksOf(s.id);
    await closeTask({ ctx: { db: db(), actor: staff.actor }, input: { taskId: task!.id, note: "Recreated by hand? No: asked the client" } });
    expect((await syncOps(s.id))[0]).toMatchObject({ status: "done", doneBy: "staff" });
    expect((await service(s.id)).status).toBe("active");
    await syncRound();
    const list = await tasksOf(s.id);
    expect(list.map((t) => t.status)).toEqual(["done", "new"]);
    expect(await syncOps(s.id)).toHaveLength(2);
  });

  it("a domain whose registration was rejected is broken: one task for the domains department", async () => {
    const name = `drift-${Date.now()}.ru`;
    const paid = await orderAndPay(db(), clientId, domains, { months: 12, params: { domain: name } }, clock);
    await sweepOperations(db(), { clock });
    const s = await service(paid.id);
    expect(s.status).toBe("active");
    wn.state.domains[s.remoteName]!.status = "errsent";
    await syncRound();
    const list = await tasksOf(s.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ departmentId: domainDept, reason: "escalated" });
    expect(list[0]!.note).toContain(`the panel says broken: Webnames rejected the registration of ${name} (errsent)`);
  });

  it("a healthy sync, or one that only finds a suspension made on the panel, raises no task", async () => {
    const s = await activeHosting();
    await syncRound();
    expect((await syncOps(s.id)).map((o) => o.status)).toEqual(["done"]);
    isp.state.users[s.remoteName]!.active = false;
    await syncRound();
    expect((await syncOps(s.id)).map((o) => o.status)).toEqual(["done", "done"]);
    expect(await tasksOf(s.id)).toHaveLength(0);
    const history = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, s.id));
    expect(history.some((h) => (h.staffNote ?? "").startsWith("Drift found by sync: the panel says the service is suspended"))).toBe(true);
  });
});
