import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Pending } from "../../lib/modules/contract";
import { ownerMarker, vmmanager } from "../../lib/modules/vmmanager";
import type { VmConnection } from "../../lib/modules/vmmanager/client";
import { startVmmanagerSimulator, type VmmanagerSimulator } from "../../lib/modules/vmmanager/simulator";
import { context, expectRedacted, openToDone, runContractKit, settle, serviceFactory } from "./kit";

const ADMIN = { email: "admin@example.test", password: "adm1n-S3cret!" };
const makeService = serviceFactory(5000, (id) => ({ productType: "vps", template: "vps-small", params: { hostname: `vps${id}.example.test` }, secrets: { password: `Pw!${id}+&x "y` } }));

const connectionOf = (sim: VmmanagerSimulator, prefix = ""): VmConnection => ({ url: `${sim.url}${prefix}`, ...ADMIN, cluster: 1, os: 1 });
const vmNamed = (sim: VmmanagerSimulator, name: string) => Object.values(sim.state.vms).filter((vm) => vm.name === name);

runContractKit("vmmanager", async () => {
  const sim = await startVmmanagerSimulator(ADMIN);
  return {
    module: vmmanager,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), password: "wrong-password" },
    makeService,
    countObjects: () => Object.keys(sim.state.vms).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: (name) => {
      const vm = vmNamed(sim, name)[0];
      return !vm ? "missing" : vm.state === "stopped" ? "suspended" : "active";
    },
    suspendDirectly: (name) => {
      vmNamed(sim, name)[0]!.state = "stopped";
    },
    unknownTemplate: "no-such-preset",
    close: () => sim.close(),
  };
});

describe("vmmanager: panel specifics", () => {
  let sim: VmmanagerSimulator;
  let conn: VmConnection;
  beforeEach(async () => {
    sim = await startVmmanagerSimulator(ADMIN);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it("sends the preset without sizes, and is pending until the task completes on the K-th poll", async () => {
    sim.state.pollsToComplete = 3;
    const service = makeService({ template: "vps-large", params: { hostname: "web.example.test", os: "Debian 12" } });
    const ctx = context(conn, service);
    const first = (await vmmanager.open(ctx)) as Pending;
    expect(first).toMatchObject({ status: "pending", remoteId: expect.any(String), remoteTask: { task: expect.any(Number), name: "host_create" } });
    const create = sim.state.calls.find((c) => c.method === "POST" && c.path === "/vm/v3/host");
    expect(create?.body).toMatchObject({ name: service.remoteName, preset: 2, os: 2, cluster: 1, ipv4_number: 1, domain: "web.example.test", password: "***", comment: ownerMarker(service) });
    expect(create?.body).not.toHaveProperty("cpu_number");
    expect(create?.body).not.toHaveProperty("ram_mib");
    expect((await vmmanager.poll!(ctx, first.remoteTask)).status).toBe("pending");
    expect((await vmmanager.poll!(ctx, first.remoteTask)).status).toBe("pending");
    const result = await vmmanager.poll!(ctx, first.remoteTask);
    expect(result).toMatchObject({
      status: "done",
      remoteId: first.remoteId,
      details: { ip: "192.0.2.10", hostname: "web.example.test", os: "Debian 12" },
      secrets: { password: service.secrets.password },
    });
    expect(sim.state.vms[Number(first.remoteId)]).toMatchObject({ preset: { name: "vps-large" }, ram_mib: 8192, state: "active" });
    expectRedacted(ctx.log, [service.secrets.password, ADMIN.password]);
  });

  it("without a preset sends cpu, ram and disk from the resources (GiB → MiB)", async () => {
    const service = makeService({ template: null, resources: { cpu: 2, ram: 2, disk: 30 } });
    const result = await openToDone(vmmanager, context(conn, service));
    const create = sim.state.calls.find((c) => c.method === "POST" && c.path === "/vm/v3/host");
    expect(create?.body).toMatchObject({ cpu_number: 2, ram_mib: 2048, hdd_mib: 30720 });
    expect(create?.body).not.toHaveProperty("preset");
    expect(sim.state.vms[Number(result.remoteId)]).toMatchObject({ preset: null, ram_mib: 2048 });
  });

  it("a second open while the first create's task still runs adopts and makes no second VM", async () => {
    sim.state.pollsToComplete = 2;
    const service = makeService();
    const first = (await vmmanager.open(context(conn, service))) as Pending;
    const second = await vmmanager.open(context(conn, service));
    expect(second).toMatchObject({ status: "pending", remoteId: first.remoteId, remoteTask: { adopted: true } });
    const done = await settle(vmmanager, context(conn, service), Promise.resolve(second));
    expect(done).toMatchObject({ adopted: true, remoteId: first.remoteId, details: { ip: expect.any(String) } });
    expect(vmNamed(sim, service.remoteName)).toHaveLength(1);
    expect(sim.state.calls.filter((c) => c.method === "POST" && c.path === "/vm/v3/host")).toHaveLength(1);
  });

  it("treats HTTP 503 (panel idle) as retryable", async () => {
    sim.state.idleNext = 1;
    await expect(vmmanager.open(context(conn, makeService()))).rejects.toMatchObject({ code: "http_503", retryable: true });
    expect(Object.keys(sim.state.vms)).toHaveLength(0);
  });

  it("a failed task is not retryable", async () => {
    sim.state.failNextTask = true;
    const ctx = context(conn, makeService());
    const first = (await vmmanager.open(ctx)) as Pending;
    await expect(vmmanager.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "task_failed", retryable: false });
  });

  it("accepts the /api prefix, refuses a bad token (3001) and an unknown OS", async () => {
    await expect(openToDone(vmmanager, context(connectionOf(sim, "/api"), makeService()))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.calls[0]!.path).toBe("/auth/v4/public/token");
    const res = await fetch(`${sim.url}/vm/v3/os`, { headers: { "x-xsrf-token": "forged" } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe(3001);
    await expect(vmmanager.open(context(conn, makeService({ params: { os: "Windows 95" } })))).rejects.toMatchObject({ code: "unknown_os", retryable: false });
  });

  it("stops and starts through tasks named host_stop and host_start, and deletes with host_delete", async () => {
    const service = makeService();
    const opened = await openToDone(vmmanager, context(conn, service));
    const withId = { ...service, remoteId: opened.remoteId! };
    const stop = (await vmmanager.suspend(context(conn, withId))) as Pending;
    expect(stop.remoteTask).toMatchObject({ name: "host_stop" });
    await settle(vmmanager, context(conn, withId), Promise.resolve(stop));
    await expect(vmmanager.suspend(context(conn, withId))).resolves.toMatchObject({ status: "done" });
    const start = (await vmmanager.resume(context(conn, withId))) as Pending;
    expect(start.remoteTask).toMatchObject({ name: "host_start" });
    await settle(vmmanager, context(conn, withId), Promise.resolve(start));
    const close = (await vmmanager.close(context(conn, withId))) as Pending;
    expect(close.remoteTask).toMatchObject({ name: "host_delete" });
    await settle(vmmanager, context(conn, withId), Promise.resolve(close));
    await expect(vmmanager.close(context(conn, withId))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.tasks.map((t) => t.name)).toEqual(["host_create", "host_stop", "host_start", "host_delete"]);
  });

  it("changes the preset, and lists presets as templates", async () => {
    const service = makeService();
    const opened = await openToDone(vmmanager, context(conn, service));
    const ctx = context(conn, { ...service, remoteId: opened.remoteId! }, { template: "vps-large" });
    await settle(vmmanager, ctx, vmmanager.changeTariff!(ctx));
    expect(sim.state.vms[Number(opened.remoteId)]).toMatchObject({ preset: { name: "vps-large" }, cpu_number: 4 });
    expect(await vmmanager.listTemplates!(conn, createAttemptLog())).toEqual(["vps-small", "vps-large"]);
  });

  it("validates its connection form", () => {
    expect(vmmanager.connection.safeParse({ url: "https://vm.example.test", email: "a@b.c", password: "x", cluster: "1", os: "2" }).success).toBe(true);
    expect(vmmanager.connection.safeParse({ url: "https://vm.example.test", email: "a@b.c", password: "x" }).success).toBe(false);
    expect(vmmanager.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });
});
