import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Pending, ServiceInfo } from "../../lib/modules/contract";
import { ownerMarker, vmmanager } from "../../lib/modules/vmmanager";
import type { VmConnection } from "../../lib/modules/vmmanager/client";
import { startVmmanagerSimulator, type VmmanagerSimulator } from "../../lib/modules/vmmanager/simulator";
import { context, openToDone, settle, serviceFactory } from "./kit";

const ADMIN = { email: "admin@example.test", password: "adm1n-S3cret!" };
const makeService = serviceFactory(6000, (id) => ({ productType: "vps", template: "vps-small", params: { hostname: `vps${id}.example.test` }, secrets: { password: `Pw!${id}+&x "y` } }));
const vmNamed = (sim: VmmanagerSimulator, name: string) => Object.values(sim.state.vms).filter((vm) => vm.name === name);
const changes = (sim: VmmanagerSimulator) => sim.state.calls.filter((c) => c.method !== "GET" && c.path !== "/auth/v4/public/token");

describe("vmmanager: fidelity to the real panel", () => {
  let sim: VmmanagerSimulator;
  let conn: VmConnection;
  beforeEach(async () => {
    sim = await startVmmanagerSimulator(ADMIN);
    conn = { url: sim.url, ...ADMIN, cluster: 1, os: 1 };
  });
  afterEach(async () => {
    await sim.close();
  });
  const opened = async (overrides: Partial<ServiceInfo> = {}) => {
    const service = makeService(overrides);
    const result = await openToDone(vmmanager, context(conn, service));
    return { service: { ...service, remoteId: result.remoteId! }, result };
  };

  it("a foreign VM with our name is never adopted, and no later operation touches it", async () => {
    const service = makeService();
    const foreign = sim.plantVm({ name: service.remoteName, comment: "made by hand for another customer" });
    await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    await expect(vmmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_ours", retryable: false });
    await expect(vmmanager.resume(context(conn, service))).rejects.toMatchObject({ code: "not_ours", retryable: false });
    await expect(vmmanager.changeTariff!(context(conn, service, { template: "vps-large" }))).rejects.toMatchObject({ code: "not_ours" });
    await expect(vmmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(await vmmanager.sync(context(conn, service))).toMatchObject({ state: "missing", reason: expect.stringContaining("not this service's") });
    expect(sim.state.vms[foreign.id]).toMatchObject({ state: "active", cpu_number: 1 });
    expect(changes(sim)).toEqual([]);
  });

  it("a VM carrying our marker in a corrupted or deleting state is never adopted", async () => {
    for (const state of ["corrupted", "deleting"] as const) {
      const service = makeService();
      sim.plantVm({ name: service.remoteName, comment: ownerMarker(service), state });
      await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false, message: expect.stringContaining(state) });
      expect(vmNamed(sim, service.remoteName)[0]!.state).toBe(state);
    }
    expect(changes(sim)).toEqual([]);
  });

  it("an answer that is neither success nor an error is never done", async () => {
    sim.setFaults({ ambiguous: true });
    await expect(vmmanager.open(context(conn, makeService()))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    expect(sim.state.vms).toEqual({});
    sim.setFaults({ ambiguous: false });
    const { service } = await opened();
    sim.setFaults({ ambiguous: true });
    await expect(vmmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    await expect(vmmanager.close(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    sim.setFaults({ ambiguous: false });
    const task = sim.state.tasks[0]!;
    const ctx = context(conn, service);
    Object.assign(task, { status: "suspended" });
    await expect(vmmanager.poll!(ctx, { task: task.consul_id, vmId: Number(service.remoteId), name: "host_create" })).rejects.toMatchObject({ code: "bad_response", retryable: true });
  });

  it("an ignored create is caught: the task never appears and open is not done", async () => {
    sim.setFaults({ ignoreCreate: true });
    const ctx = context(conn, makeService());
    const first = (await vmmanager.open(ctx)) as Pending;
    await expect(vmmanager.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "task_missing", retryable: true });
    expect(sim.state.vms).toEqual({});
  });

  it("open is done only when the VM shows the tariff's sizes", async () => {
    const service = makeService();
    const ctx = context(conn, service);
    const first = (await vmmanager.open(ctx)) as Pending;
    sim.state.tasks[0]!.change = { ram_mib: 512 };
    await expect(vmmanager.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "vm_mismatch", retryable: false, message: expect.stringContaining("ram_mib is 512, not 1024") });
  });

  it("change tariff on a running VM defers cpu/ram (/resource, no preset) and the disk (/vm/v3/disk/{disk.id}) to a stop, restarts, then checks the VM", async () => {
    const { service, result } = await opened();
    const vm = sim.state.vms[Number(result.remoteId)]!;
    const ctx = context(conn, service, { template: "vps-large" });
    const first = (await vmmanager.changeTariff!(ctx)) as Pending;
    expect(first.remoteTask).toMatchObject({ name: "host_change_params", also: [{ name: "disk_resize" }, { name: "host_start" }] });
    await settle(vmmanager, ctx, Promise.resolve(first));
    const sent = changes(sim).slice(-3);
    const defer = { action: "host_stop" };
    expect(sent[0]).toMatchObject({ method: "POST", path: `/vm/v3/host/${result.remoteId}/resource`, body: { cpu_number: 4, ram_mib: 8192, defer } });
    expect(sent[0]!.body).not.toHaveProperty("preset");
    expect(sent[1]).toMatchObject({ method: "POST", path: `/vm/v3/disk/${vm.diskId}`, body: { size_mib: 81920, defer } });
    expect(sent[2]).toMatchObject({ method: "POST", path: `/vm/v3/host/${result.remoteId}/restart` });
    expect(vm).toMatchObject({ state: "active", cpu_number: 4, ram_mib: 8192, hdd_mib: 81920 });
    expect(sim.state.tasks.map((t) => t.name)).toEqual(["host_create", "host_change_params", "disk_resize", "host_stop", "host_start"]);
    const down = context(conn, service, { template: "vps-small" });
    await expect(vmmanager.changeTariff!(down)).rejects.toMatchObject({ code: "disk_shrink", retryable: false });
  });

  it("change tariff on a stopped VM sends no defer and no restart", async () => {
    const { service, result } = await opened();
    await settle(vmmanager, context(conn, service), vmmanager.suspend(context(conn, service)));
    const ctx = context(conn, service, { template: "vps-large" });
    await settle(vmmanager, ctx, vmmanager.changeTariff!(ctx));
    const sent = changes(sim).slice(-2);
    expect(sent.map((c) => c.path)).toEqual([`/vm/v3/host/${result.remoteId}/resource`, expect.stringMatching(/^\/vm\/v3\/disk\/\d+$/)]);
    expect(sent.every((c) => !("defer" in (c.body ?? {})))).toBe(true);
    expect(sim.state.vms[Number(result.remoteId)]).toMatchObject({ state: "stopped", cpu_number: 4, hdd_mib: 81920 });
  });

  it("the host record shows the disk as disk {id, disk_mib}, and a change to a running VM without a restart only as *_new", async () => {
    const { result } = await opened();
    const token = (await (await fetch(`${sim.url}/auth/v4/public/token`, { method: "POST", body: JSON.stringify(ADMIN) })).json()).token as string;
    const headers = { "x-xsrf-token": token };
    const res = await fetch(`${sim.url}/vm/v3/host/${result.remoteId}/resource`, { method: "POST", headers, body: JSON.stringify({ cpu_number: 2, ram_mib: 2048 }) });
    const task = (await res.json()).task as number;
    await fetch(`${sim.url}/vm/v3/task?where=(consul_id+EQ+'${task}')`, { headers });
    const host = (await (await fetch(`${sim.url}/vm/v3/host?where=(id+EQ+'${result.remoteId}')`, { headers })).json()).list[0];
    expect(host).toMatchObject({ cpu_number: 1, cpu_number_new: 2, ram_mib: 1024, ram_mib_new: 2048, disk: { disk_mib: 20480, id: expect.any(Number) } });
    expect(host).not.toHaveProperty("hdd_mib");
  });

  it("accepts ids and tasks sent as numeric strings, and logs in again after a bare 401", async () => {
    sim.state.numbersAsStrings = true;
    const { service } = await opened();
    sim.state.bare401 = true;
    sim.expireTokens();
    const ctx = context(conn, service);
    await settle(vmmanager, ctx, vmmanager.suspend(ctx));
    expect(ctx.log.text()).toContain("logging in again once");
    expect(sim.state.vms[Number(service.remoteId)]).toMatchObject({ state: "stopped" });
  });

  it("the panel ignores a preset sent to /resource: the simulator changes nothing for it", async () => {
    const { result } = await opened();
    const token = (await (await fetch(`${sim.url}/auth/v4/public/token`, { method: "POST", body: JSON.stringify(ADMIN) })).json()).token as string;
    const res = await fetch(`${sim.url}/vm/v3/host/${result.remoteId}/resource`, { method: "POST", headers: { "x-xsrf-token": token }, body: JSON.stringify({ preset: 2 }) });
    const task = (await res.json()).task as number;
    await fetch(`${sim.url}/vm/v3/task?where=(consul_id+EQ+'${task}')`, { headers: { "x-xsrf-token": token } });
    expect(sim.state.vms[Number(result.remoteId)]).toMatchObject({ cpu_number: 1, ram_mib: 1024 });
  });

  it("logs in once for a whole life cycle, and once more when the token has expired (401)", async () => {
    const { service } = await opened();
    for (const op of ["suspend", "resume"] as const) await settle(vmmanager, context(conn, service), vmmanager[op](context(conn, service)));
    await vmmanager.sync(context(conn, service));
    expect(sim.state.logins).toBe(1);
    sim.expireTokens();
    const ctx = context(conn, service);
    await settle(vmmanager, ctx, vmmanager.close(ctx));
    expect(sim.state.logins).toBe(2);
    expect(ctx.log.text()).toContain("logging in again once");
    expect(vmNamed(sim, service.remoteName)).toHaveLength(0);
  });

  it("panel validation errors are final with the panel's message", async () => {
    const refusals: [Partial<ServiceInfo>, string][] = [
      [{ params: { os: "Rocky Linux 9" } }, "RAM 1024 MiB is below the minimum of 2048 MiB"],
      [{ params: { hostname: "bad_host!.example" } }, "Invalid domain name"],
    ];
    for (const [overrides, message] of refusals) {
      await expect(vmmanager.open(context(conn, makeService(overrides)))).rejects.toMatchObject({ code: "rejected", retryable: false, message: expect.stringContaining(message) });
    }
    expect(sim.state.vms).toEqual({});
  });

  it("only an OS that is not deleted, admin-only, another cluster's or LXD is sent", async () => {
    for (const [os, why] of [["CentOS 7", "deleted"], ["Windows Server 2022", "administrators only"], ["Ubuntu 24.04", "cluster 2"], ["Alpine 3.19", "lxd"], ["Plan 9", ""]]) {
      await expect(vmmanager.open(context(conn, makeService({ params: { os: os! } })))).rejects.toMatchObject({ code: "unknown_os", retryable: false, message: expect.stringContaining(why!) });
    }
    expect(sim.state.calls.filter((c) => c.method === "POST" && c.path === "/vm/v3/host")).toEqual([]);
    await expect(openToDone(vmmanager, context(conn, makeService({ params: { os: "2" } })))).resolves.toMatchObject({ details: { os: "Debian 12" } });
  });

  it("check connection needs the @admin role", async () => {
    await expect(vmmanager.checkConnection(conn, createAttemptLog())).resolves.toBeUndefined();
    sim.addAccount("viewer@example.test", "viewer-pw", ["@user"]);
    const error = vmmanager.checkConnection({ ...conn, email: "viewer@example.test", password: "viewer-pw" }, createAttemptLog());
    await expect(error).rejects.toMatchObject({ code: "auth", retryable: false, message: expect.stringContaining("not an administrator") });
  });
});
