import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { operationAttempts, operations, services } from "@/lib/db/schema";
import { startVmmanagerSimulator, type VmmanagerSimulator } from "@/lib/modules/vmmanager/simulator";
import { startVcloudSimulator, type VcloudSimulator } from "@/lib/modules/vcloud/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import { decryptJson } from "@/lib/crypto";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("async service processing through the VMmanager and vCloud simulators", () => {
  let database: TestDatabase;
  let vm: VmmanagerSimulator;
  let vcd: VcloudSimulator;
  const clock = testClock();
  let clientId: number;
  let departmentId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    vm = await startVmmanagerSimulator({ email: "admin@example.test", password: "vm-secret" });
    vcd = await startVcloudSimulator({ org: "acme", username: "billing", password: "vcd-secret" });
    departmentId = (await createDepartment(database.db, "VPS support")).id;
    clientId = (await createClient(database.db, 1_000_000)).id;
    await writeSettings(database.db, { retryIntervalSeconds: 60, maxAttempts: 3 });
  });
  afterAll(async () => {
    await vm.close();
    await vcd.close();
    await database.close();
  });

  const db = () => database.db;
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const openOp = async (serviceId: number) =>
    (await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "open"))))[0]!;
  const drain = () => sweepOperations(db(), { clock });

  it("VMmanager: processing → waiting with the remote task stored → polled after pollAfterMs → active with the IP", async () => {
    vm.state.pollsToComplete = 2;
    const handler = await makeHandler(db(), {
      module: "vmmanager",
      productType: "vps",
      departmentId,
      connection: { url: vm.url, email: "admin@example.test", password: "vm-secret", cluster: 1, os: 1, timeoutMs: 2000 },
    });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id], productType: "vps", template: "vps-large", resources: [] });
    const paid = await orderAndPay(db(), clientId, tariff.id, { params: { hostname: "web1.example.test", os: "Debian 12" } }, clock);
    expect(paid.status).toBe("processing");

    await drain();
    const waiting = await openOp(paid.id);
    expect(waiting.status).toBe("waiting");
    expect(waiting.remoteTask).toMatchObject({ task: expect.any(Number), vmId: expect.any(Number), name: "host_create" });
    const vmId = (waiting.remoteTask as { vmId: number }).vmId;
    expect((await service(paid.id)).status).toBe("processing");
    expect((await service(paid.id)).remoteId).toBe(String(vmId));
    expect(vm.state.vms[vmId]).toMatchObject({ name: paid.remoteName, state: "creating", preset: { name: "vps-large" } });

    expect(await drain()).toBe(0);
    clock.advance(16);
    await drain();
    expect((await openOp(paid.id)).status).toBe("waiting");
    clock.advance(16);
    await drain();

    const s = await service(paid.id);
    expect(s.status).toBe("active");
    expect(s.details).toMatchObject({ ip: "192.0.2.10", hostname: "web1.example.test", os: "Debian 12" });
    const password = decryptJson(s.secrets).password!;
    expect(vm.state.vms[vmId]!.passwordHash).toBe(createHash("sha256").update(password).digest("hex"));
    const op = await openOp(paid.id);
    expect(op).toMatchObject({ status: "done", attempts: 1 });
    const attempts = await db().select().from(operationAttempts).where(eq(operationAttempts.operationId, op.id)).orderBy(operationAttempts.id);
    expect(attempts.map((a) => a.outcome)).toEqual(["pending", "done"]);
    expect(attempts.map((a) => a.log).join("\n")).not.toContain(password);
    expect(Object.values(vm.state.vms)).toHaveLength(1);
  });

  it("vCloud: composes with the tariff's cpu/ram/disk plus the ram add-on, then becomes active with the IP", async () => {
    const handler = await makeHandler(db(), {
      module: "vcloud",
      productType: "vps",
      departmentId,
      connection: { url: vcd.url, org: "acme", username: "billing", password: "vcd-secret", vdcId: vcd.vdcId, timeoutMs: 2000 },
    });
    const tariff = await makeTariff(db(), {
      handlerIds: [handler.id],
      productType: "vps",
      template: null,
      resources: [
        { key: "cpu", label: "CPU", amount: 2 },
        { key: "ram", label: "RAM", unit: "GiB", amount: 2, addon: true, maxExtra: 6, unitPrice: 300 },
        { key: "disk", label: "Disk", unit: "GiB", amount: 20 },
      ],
    });
    const paid = await orderAndPay(db(), clientId, tariff.id, { addons: { ram: 2 }, params: { hostname: "db1.example.test" } }, clock);

    await drain();
    const waiting = await openOp(paid.id);
    expect(waiting.status).toBe("waiting");
    expect(waiting.remoteTask).toMatchObject({ taskId: expect.any(String), vAppId: expect.stringMatching(/^vapp-/), action: "compose" });
    expect(vcd.state.composed).toEqual([{ name: paid.remoteName, cpus: 2, memoryMb: 4 * 1024, diskMb: 20 * 1024, computerName: "db1.example.test" }]);

    clock.advance(11);
    await drain();
    const s = await service(paid.id);
    expect(s.status).toBe("active");
    expect(s.remoteId).toBe((waiting.remoteTask as { vAppId: string }).vAppId);
    expect(s.details).toMatchObject({ ip: expect.stringMatching(/^198\.51\.100\.\d+$/), hostname: "db1.example.test" });
    expect(s.resources).toEqual({ cpu: 2, ram: 4, disk: 20 });
    expect((await openOp(paid.id)).status).toBe("done");
  });
});
