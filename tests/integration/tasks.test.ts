import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { operations, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { readMailbox } from "@/lib/email/deliver";
import { deliverEmails } from "@/lib/email/deliver";
import { decryptJson } from "@/lib/crypto";
import { closeTask } from "@/lib/services/tasks/close";
import { restartOperation } from "@/lib/services/operations/restart";
import { switchOperationToManual } from "@/lib/services/operations/switch-to-manual";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("tasks and operation verbs", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let clientId: number;
  let manualTariff: number;
  let ispTariff: number;
  let staff: Awaited<ReturnType<typeof createUser>>;
  let otherStaff: Awaited<ReturnType<typeof createUser>>;
  let secondStaff: Awaited<ReturnType<typeof createUser>>;
  const db = () => database.db;
  const ctx = (who: { actor: Parameters<typeof closeTask>[0]["ctx"]["actor"] }) => ({ db: db(), actor: who.actor });

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const dept = await createDepartment(db(), "Hosting support");
    const other = await createDepartment(db(), "Domains");
    staff = await createUser(db(), "staff", { departmentId: dept.id });
    secondStaff = await createUser(db(), "staff", { departmentId: dept.id });
    otherStaff = await createUser(db(), "staff", { departmentId: other.id });
    const manual = await makeHandler(db(), { module: "manual", productType: "hosting", departmentId: dept.id });
    manualTariff = (await makeTariff(db(), { handlerIds: [manual.id] })).id;
    const isp = await makeHandler(db(), { module: "ispmanager", departmentId: dept.id, connection: { url: sim.url, username: "admin", password: "secret" } });
    ispTariff = (await makeTariff(db(), { handlerIds: [isp.id] })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  async function manualTask() {
    const s = await orderAndPay(db(), clientId, manualTariff);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(eq(operations.serviceId, s.id));
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, op!.id));
    return { service: s, op: op!, task: task! };
  }

  it("closing a setup task validates the form, activates the service and emails the details typed", async () => {
    const { service, task } = await manualTask();
    await expect(closeTask({ ctx: ctx(staff), input: { taskId: task.id, fields: { login: "alice", ip: "not-an-ip" } } })).rejects.toMatchObject({
      code: "validation",
    });
    expect((await db().select().from(tasks).where(eq(tasks.id, task.id)))[0]!.status).toBe("new");
    await closeTask({
      ctx: ctx(staff),
      input: { taskId: task.id, fields: { login: "alice", password: "Typed-by-staff-1", ip: "10.1.2.3", panel_url: "https://panel.example.test" } },
    });
    const s = (await db().select().from(services).where(eq(services.id, service.id)))[0]!;
    expect(s.status).toBe("active");
    expect(s.details).toMatchObject({ login: "alice", ip: "10.1.2.3" });
    expect(decryptJson(s.secrets).password).toBe("Typed-by-staff-1");
    await deliverEmails(db());
    const [mail] = (await readMailbox(db(), {})).filter((m) => m.serviceId === service.id);
    expect(mail!.text).toContain("alice");
    expect(mail!.text).toContain("Typed-by-staff-1");
  });

  it("two staff closing the same task at once: one wins, the other is told", async () => {
    const { task } = await manualTask();
    const fields = { login: "bob", password: "Pw-123456789", ip: "10.0.0.9", panel_url: "https://p.example.test" };
    const results = await Promise.allSettled([
      closeTask({ ctx: ctx(staff), input: { taskId: task.id, fields } }),
      closeTask({ ctx: ctx(secondStaff), input: { taskId: task.id, fields } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(AppError);
    expect(loser.reason.code).toBe("conflict");
    expect(loser.reason.message).toMatch(/already closed by/);
  });

  it("staff of another department cannot close the task", async () => {
    const { task } = await manualTask();
    await expect(
      closeTask({ ctx: ctx(otherStaff), input: { taskId: task.id, fields: { login: "x", password: "y", ip: "1.1.1.1", panel_url: "https://x.test" } } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("restart, switch to manual and cancel", async () => {
    sim.setFaults({ http500: true });
    const s = await orderAndPay(db(), clientId, ispTariff);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(eq(operations.serviceId, s.id));
    const switched = await switchOperationToManual({ ctx: ctx(staff), input: { operationId: op!.id } });
    expect((await db().select().from(operations).where(eq(operations.id, op!.id)))[0]!.status).toBe("manual");
    sim.reset();
    await restartOperation({ ctx: ctx(staff), input: { operationId: op!.id } });
    expect((await db().select().from(tasks).where(eq(tasks.id, switched.taskId)))[0]!.status).toBe("cancelled");
    await sweepOperations(db());
    expect((await db().select().from(services).where(eq(services.id, s.id)))[0]!.status).toBe("active");
    await expect(cancelOperation({ ctx: ctx(staff), input: { operationId: op!.id } })).rejects.toMatchObject({ code: "conflict" });

    const other = await manualTask();
    await cancelOperation({ ctx: ctx(staff), input: { operationId: other.op.id } });
    expect((await db().select().from(tasks).where(eq(tasks.id, other.task.id)))[0]!.status).toBe("cancelled");
  });

  it("staff of another department cannot restart, switch or cancel its operations", async () => {
    const { op } = await manualTask();
    for (const verb of [restartOperation, switchOperationToManual, cancelOperation]) {
      await expect(verb({ ctx: ctx(otherStaff), input: { operationId: op.id } })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await db().select().from(operations).where(eq(operations.id, op.id)))[0]!.status).toBe("manual");
  });

  it("a client cannot restart, switch or cancel operations", async () => {
    const client = await createUser(db(), "client");
    const { op } = await manualTask();
    for (const verb of [restartOperation, switchOperationToManual, cancelOperation]) {
      await expect(verb({ ctx: ctx(client), input: { operationId: op.id } })).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
