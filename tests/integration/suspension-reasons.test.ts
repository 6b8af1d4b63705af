import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { clients, operations, serviceSuspensions, services, tasks } from "@/lib/db/schema";
import type { AppError } from "@/lib/errors";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { runRenewals } from "@/lib/billing/renewals";
import { recordPayment } from "@/lib/services/payments/record";
import type { Ctx } from "@/lib/services/context";
import { suspendClient } from "@/lib/services/clients/suspend";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { resumeService } from "@/lib/services/services/resume";
import { suspendService } from "@/lib/services/services/suspend";
import { closeTask } from "@/lib/services/tasks/close";
import { listSuspensions } from "@/lib/services/services/list-suspensions";
import { runResumeService, runSuspendService } from "@/app/admin/services/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("suspension reasons", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let admin: Ctx;
  let staff: Ctx;
  let isp: number;
  let manual: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const department = await createDepartment(db());
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    staff = { db: db(), actor: (await createUser(db(), "staff", { departmentId: department.id })).actor };
    const ispHandler = await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    isp = (await makeTariff(db(), { handlerIds: [ispHandler.id] })).id;
    manual = (await makeTariff(db(), { handlerIds: [(await makeHandler(db(), { module: "manual", departmentId: department.id })).id] })).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const ops = (serviceId: number, kind: "suspend" | "resume") =>
    db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, kind))).orderBy(operations.id);
  const held = async (serviceId: number) =>
    (await db().select().from(serviceSuspensions).where(and(eq(serviceSuspensions.serviceId, serviceId), isNull(serviceSuspensions.liftedAt)))).map((s) => `${s.scope}:${s.reason}`).sort();
  const active = async (clientId: number) => (await orderAndPay(db(), clientId, isp)).id;

  it("lifting a client's suspension resumes what it suspended, never a service an admin suspended for abuse", async () => {
    const client = await createClient(db(), 100_000);
    const [abused, plain] = [await active(client.id), await active(client.id)];
    await sweepOperations(db());
    await requestServiceOperation({ ctx: admin, input: { serviceId: abused, kind: "suspend" } });
    await sweepOperations(db());
    expect((await service(abused)).status).toBe("suspended");

    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true, reason: "non_payment" } });
    await sweepOperations(db());
    expect((await service(plain)).status).toBe("suspended");
    expect(await held(abused)).toEqual(["client:non_payment", "service:admin"]);

    const lifted = await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: false } });
    expect(lifted.operationIds).toHaveLength(1);
    await sweepOperations(db());
    expect((await service(plain)).status).toBe("active");
    expect((await service(abused)).status).toBe("suspended");
    expect(sim.state.users[(await service(abused)).remoteName]!.active).toBe(false);
    expect(await ops(abused, "resume")).toEqual([]);
    expect(await held(abused)).toEqual(["service:admin"]);
  });

  it("a reason added to a suspended service keeps it suspended; it is resumed once none is left", async () => {
    const client = await createClient(db(), 100_000);
    const id = await active(client.id);
    await sweepOperations(db());
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true } });
    await sweepOperations(db());
    const abuse = await suspendService({ ctx: admin, input: { serviceId: id, reason: "abuse", note: "Spam sent from the site" } });
    expect(abuse).toEqual({ id: null, created: false });
    expect(await fail(suspendService({ ctx: admin, input: { serviceId: id, reason: "abuse" } }))).toMatchObject({ code: "conflict" });
    expect(await fail(resumeService({ ctx: admin, input: { serviceId: id } }))).toMatchObject({ code: "conflict", message: expect.stringContaining("client") });
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: false } });
    expect(await ops(id, "resume")).toEqual([]);
    const resumed = await resumeService({ ctx: admin, input: { serviceId: id, reasons: ["abuse"] } });
    expect(resumed.remaining).toEqual([]);
    await sweepOperations(db());
    expect((await service(id)).status).toBe("active");
    expect(await fail(suspendService({ ctx: admin, input: { serviceId: id, reason: "gone fishing" } }))).toMatchObject({ code: "validation" });
    expect(await fail(suspendService({ ctx: { db: db(), actor: (await createUser(db(), "client", { clientId: client.id })).actor }, input: { serviceId: id, reason: "admin" } }))).toMatchObject({ code: "forbidden" });
  });

  it("a service being set up when its client is suspended is suspended as soon as its set-up ends", async () => {
    const client = await createClient(db(), 100_000);
    const id = await active(client.id);
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true, reason: "abuse" } });
    expect((await service(id)).status).toBe("processing");
    await sweepOperations(db());
    const after = await service(id);
    expect(after.status).toBe("suspended");
    expect(sim.state.users[after.remoteName]!.active).toBe(false);
    expect((await ops(id, "suspend")).map((o) => o.params)).toEqual([{ reason: "abuse", scope: "client" }]);
  });

  it("a Manual set-up closed by staff on a suspended client is followed by a suspend task, not left active", async () => {
    const client = await createClient(db(), 100_000);
    const { id } = await orderAndPay(db(), client.id, manual);
    await sweepOperations(db());
    const [open] = await db().select().from(operations).where(eq(operations.serviceId, id));
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, open!.id));
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true } });
    await closeTask({ ctx: staff, input: { taskId: task!.id, fields: { login: "alice", password: "Typed-by-staff-1" } } });
    expect((await service(id)).pending).toBe("suspend");
    await sweepOperations(db());
    const [suspend] = await ops(id, "suspend");
    expect(suspend).toMatchObject({ status: "manual" });
  });

  it("lifting a client's suspension cancels its suspend operations not done yet and their tasks", async () => {
    const client = await createClient(db(), 100_000);
    const { id } = await orderAndPay(db(), client.id, manual);
    await sweepOperations(db());
    const [open] = await db().select().from(operations).where(eq(operations.serviceId, id));
    const [openTask] = await db().select().from(tasks).where(eq(tasks.operationId, open!.id));
    await closeTask({ ctx: staff, input: { taskId: openTask!.id, fields: { login: "alice", password: "Typed-by-staff-1" } } });
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true } });
    await sweepOperations(db());
    const [suspend] = await ops(id, "suspend");
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, suspend!.id));
    expect(task).toMatchObject({ status: "new" });

    const lifted = await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: false } });
    expect(lifted.operationIds).toEqual([]);
    expect((await ops(id, "suspend"))[0]).toMatchObject({ status: "cancelled" });
    expect((await db().select().from(tasks).where(eq(tasks.id, task!.id)))[0]).toMatchObject({ status: "cancelled" });
    expect(await fail(closeTask({ ctx: staff, input: { taskId: task!.id, fields: {} } }))).toMatchObject({ code: "conflict" });
    expect(await service(id)).toMatchObject({ status: "active", pending: null });
  });

  it("lifting a client's suspension whose suspend was already tried once keeps it and resumes after it, so the panel is not left suspended", async () => {
    const client = await createClient(db(), 100_000);
    const id = await active(client.id);
    await sweepOperations(db());
    await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: true } });
    const [suspend] = await ops(id, "suspend");
    // A first try reached the panel and its answer was lost: the operation is queued again for a retry.
    await db().update(operations).set({ attempts: 1, claims: 1 }).where(eq(operations.id, suspend!.id));

    const lifted = await suspendClient({ ctx: admin, input: { clientId: client.id, suspended: false } });
    expect(lifted.operationIds).toHaveLength(1);
    expect((await ops(id, "suspend"))[0]).toMatchObject({ status: "queued" });
    await sweepOperations(db());
    expect((await ops(id, "suspend"))[0]).toMatchObject({ status: "done" });
    expect((await ops(id, "resume"))[0]).toMatchObject({ id: lifted.operationIds[0], status: "done" });
    expect(await service(id)).toMatchObject({ status: "active", pending: null });
  });

  it("paying a renewal lifts only the non-payment reason: a service also suspended for abuse stays suspended", async () => {
    const clock = testClock(new Date("2031-03-10T10:00:00Z"));
    const client = await createClient(db(), 500);
    const { id } = await orderAndPay(db(), client.id, isp, {}, clock);
    await sweepOperations(db(), { clock });
    clock.set(new Date((await service(id)).expiresAt!.getTime() + 3_600_000));
    expect(await runRenewals(db(), { clock })).toMatchObject({ suspended: 1 });
    await sweepOperations(db(), { clock });
    expect(await held(id)).toEqual(["service:non_payment"]);
    await suspendService({ ctx: { ...admin, clock }, input: { serviceId: id, reason: "abuse" } });

    await recordPayment({ ctx: sys(db(), clock), input: { clientId: client.id, amount: 2000, currency: "USD", reference: `topup-${id}` } });
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 1 });
    await sweepOperations(db(), { clock });
    expect(await ops(id, "resume")).toEqual([]);
    expect(await service(id)).toMatchObject({ status: "suspended" });
    expect(await held(id)).toEqual(["service:abuse"]);
  });

  it("the admin form asks for a reason; the client reads the reason and what to do, staff also see who", async () => {
    const client = await createClient(db(), 100_000);
    const id = await active(client.id);
    await sweepOperations(db());
    const form = (values: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(values)) f.set(k, v);
      return f;
    };
    expect(await runSuspendService(admin, form({ serviceId: String(id), reason: "" }))).toMatchObject({ fields: { reason: ["Choose why the service is suspended"] } });
    expect(await ops(id, "suspend")).toEqual([]);
    expect(await runSuspendService(admin, form({ serviceId: String(id), reason: "non_payment", note: "Invoice 42 is overdue" }))).toMatchObject({ ok: true });
    const owner = { db: db(), actor: (await createUser(db(), "client", { clientId: client.id })).actor };
    const seen = await listSuspensions({ ctx: owner, input: { serviceId: id } });
    expect(seen).toEqual([expect.objectContaining({ reason: "non_payment", note: "Invoice 42 is overdue", byName: null, nextStep: expect.stringContaining("resumes by itself") })]);
    expect((await listSuspensions({ ctx: admin, input: { serviceId: id } }))[0]!.byName).toEqual(expect.any(String));
    const stranger = { db: db(), actor: (await createUser(db(), "client", { clientId: (await createClient(db())).id })).actor };
    expect(await fail(listSuspensions({ ctx: stranger, input: { serviceId: id } }))).toMatchObject({ code: "not_found" });
    expect(await runResumeService(admin, form({ serviceId: String(id), reason: "non_payment" }))).toMatchObject({ ok: true, message: "Reason lifted." });
    expect((await ops(id, "suspend")).map((o) => o.status)).toEqual(["cancelled"]);
    expect(await service(id)).toMatchObject({ status: "active", pending: null });
  });

  it("the migration gives services suspended before reasons were kept their reason", async () => {
    const client = await createClient(db(), 100_000);
    const suspendedClient = await createClient(db(), 100_000);
    const [expired, byAdmin, live, settingUp] = [await active(client.id), await active(client.id), await active(suspendedClient.id), await active(suspendedClient.id)];
    await db().update(services).set({ status: "suspended" }).where(inArray(services.id, [expired, byAdmin]));
    await db().update(services).set({ status: "active" }).where(eq(services.id, live));
    await db().insert(operations).values({ serviceId: expired, kind: "suspend", status: "done", params: { reason: "expired" } });
    await db().update(clients).set({ suspendedAt: new Date() }).where(eq(clients.id, suspendedClient.id));
    const backfill = readFileSync("drizzle/0014_backfill_suspension_reasons.sql", "utf8");
    await db().execute(sql.raw(backfill));
    await db().execute(sql.raw(backfill));
    expect(await held(expired)).toEqual(["service:non_payment"]);
    expect(await held(byAdmin)).toEqual(["service:admin"]);
    expect(await held(live)).toEqual(["client:admin"]);
    expect(await held(settingUp)).toEqual(["client:admin"]);
  });
});
