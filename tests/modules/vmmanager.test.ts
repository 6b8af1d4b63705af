import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Pending, ServiceInfo } from "../../lib/modules/contract";
import { ownerMarker, vmmanager } from "../../lib/modules/vmmanager";
import type { VmConnection } from "../../lib/modules/vmmanager/client";
import { startVmmanagerSimulator, type VmmanagerSimulator } from "../../lib/modules/vmmanager/simulator";
import { context, expectRedacted, openToDone, runContractKit, settle, serviceFactory } from "./kit";

const ADMIN = { email: "admin@example.test", password: "adm1n-S3cret!" };
const makeService = serviceFactory(5000, (id) => ({ productType: "vps", template: "vps-small", params: { hostname: `vps${id}.example.test` }, secrets: { password: `Pw!${id}+&x "y` } }));

const connectionOf = (sim: VmmanagerSimulator, prefix = ""): VmConnection => ({ url: `${sim.url}${prefix}`, ...ADMIN, cluster: 1, os: 1 });
const vmNamed = (sim: VmmanagerSimulator, name: string) => Object.values(sim.state.vms).filter((vm) => vm.name === name);
const calls = (sim: VmmanagerSimulator, method: string, path: RegExp) => sim.state.calls.filter((c) => c.method === method && path.test(c.path));

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
    plantForeign: (name) => void sim.plantVm({ name, comment: "made by hand for another customer" }),
    plantBroken: (service) => void sim.plantVm({ name: service.remoteName, comment: ownerMarker(service), state: "corrupted" }),
    breakDirectly: (name) => {
      vmNamed(sim, name)[0]!.state = "corrupted";
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
  const opened = async (overrides: Partial<ServiceInfo> = {}) => {
    const service = makeService(overrides);
    const result = await openToDone(vmmanager, context(conn, service));
    return { service: { ...service, remoteId: result.remoteId! }, result };
  };

  it("sends the preset without sizes, is pending until the task completes, and is done only with the preset's sizes on the VM", async () => {
    sim.state.pollsToComplete = 3;
    const service = makeService({ template: "vps-large", params: { hostname: "web.example.test", os: "Debian 12" } });
    const ctx = context(conn, service);
    const first = (await vmmanager.open(ctx)) as Pending;
    expect(first).toMatchObject({ status: "pending", remoteTask: { task: expect.any(Number), name: "host_create", expect: { cpu_number: 4, ram_mib: 8192, hdd_mib: 81920 } } });
    const create = calls(sim, "POST", /^\/vm\/v3\/host$/)[0];
    expect(create?.body).toMatchObject({ name: service.remoteName, preset: 2, os: 2, cluster: 1, ipv4_number: 1, domain: "web.example.test", password: "***", comment: ownerMarker(service) });
    expect(create?.body).not.toHaveProperty("cpu_number");
    expect((await vmmanager.poll!(ctx, first.remoteTask)).status).toBe("pending");
    expect((await vmmanager.poll!(ctx, first.remoteTask)).status).toBe("pending");
    const result = await vmmanager.poll!(ctx, first.remoteTask);
    expect(result).toMatchObject({ status: "done", remoteId: first.remoteId, details: { ip: "192.0.2.10", hostname: "web.example.test", os: "Debian 12", panel_login: "ann@example.test" } });
    expect(sim.state.vms[Number(first.remoteId)]).toMatchObject({ ram_mib: 8192, state: "active" });
    expectRedacted(ctx.log, [service.secrets.password, ADMIN.password]);
  });

  it("gives every VM to the client's own @user account, found by email or created once", async () => {
    const a = await opened();
    const b = await opened({ client: { id: 1, name: "Ann Client", email: "ann@example.test" } });
    const other = await opened({ client: { id: 2, name: "Bob", email: "bob@example.test" } });
    const ann = sim.state.accounts.find((x) => x.email === "ann@example.test")!;
    expect(ann.roles).toEqual(["@user"]);
    expect(calls(sim, "POST", /^\/vm\/v3\/account$/).map((c) => c.body)).toEqual([
      { email: "ann@example.test", role: "@user", password: "***" },
      { email: "bob@example.test", role: "@user", password: "***" },
    ]);
    expect([a, b].map((x) => sim.state.vms[Number(x.result.remoteId)]!.account)).toEqual([ann.id, ann.id]);
    expect(sim.state.vms[Number(other.result.remoteId)]!.account).not.toBe(ann.id);
  });

  it("refuses to give a VM to an administrator's account", async () => {
    const error = vmmanager.open(context(conn, makeService({ client: { id: 9, name: "Admin", email: ADMIN.email } })));
    await expect(error).rejects.toMatchObject({ code: "account_not_client", retryable: false });
    expect(sim.state.vms).toEqual({});
  });

  it("gives a VM to an existing account of any non-administrator role, as the vendor's module does", async () => {
    const own = sim.addAccount("power.user@example.test", "whatever-1", ["@advanced_user"]);
    const { result } = await opened({ client: { id: 10, name: "Power User", email: own.email } });
    expect(sim.state.vms[Number(result.remoteId)]).toMatchObject({ account: own.id });
    const other = sim.addAccount("second.admin@example.test", "whatever-2", ["@admin"]);
    await expect(vmmanager.open(context(conn, makeService({ client: { id: 11, name: "Other", email: other.email } })))).rejects.toMatchObject({ code: "account_not_client" });
  });

  it("without a preset sends cpu, ram and disk from the resources (GiB → MiB)", async () => {
    const { result } = await opened({ template: null, resources: { cpu: 2, ram: 2, disk: 30 } });
    const create = calls(sim, "POST", /^\/vm\/v3\/host$/)[0];
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
  });

  it("a lost create answer: the retry adopts exactly one VM", async () => {
    sim.setFaults({ loseAnswer: true });
    const service = makeService();
    await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ code: "network", retryable: true });
    expect(vmNamed(sim, service.remoteName)).toHaveLength(1);
    const result = await openToDone(vmmanager, context(conn, service));
    expect(result).toMatchObject({ adopted: true, remoteId: String(vmNamed(sim, service.remoteName)[0]!.id) });
    expect(calls(sim, "POST", /^\/vm\/v3\/host$/)).toHaveLength(1);
    expect(vmNamed(sim, service.remoteName)).toHaveLength(1);
  });

  it("a lost create answer whose task then fails: the VM is never adopted as done, later tries refuse it", async () => {
    sim.setFaults({ loseAnswer: true });
    sim.state.failNextTask = "Not enough free space on the storage";
    const service = makeService();
    await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ retryable: true });
    const ctx = context(conn, service);
    const adopted = (await vmmanager.open(ctx)) as Pending;
    expect(adopted).toMatchObject({ status: "pending", remoteTask: { adopted: true } });
    await expect(vmmanager.poll!(ctx, adopted.remoteTask)).rejects.toMatchObject({ code: "vm_broken", retryable: false });
    const vm = vmNamed(sim, service.remoteName)[0]!;
    expect(vm.state).toBe("corrupted");
    await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false });
    vm.state = "deleting";
    await expect(vmmanager.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false });
    expect(calls(sim, "DELETE", /./)).toHaveLength(0);
    expect(vmNamed(sim, service.remoteName)).toHaveLength(1);
  });

  it("a failed task is final with the panel's reason, and leaves a broken VM that sync reports", async () => {
    sim.state.failNextTask = "Not enough free space on the storage";
    const service = makeService();
    const ctx = context(conn, service);
    const first = (await vmmanager.open(ctx)) as Pending;
    const error = vmmanager.poll!(ctx, first.remoteTask);
    await expect(error).rejects.toMatchObject({ code: "task_failed", retryable: false, message: expect.stringContaining("Not enough free space on the storage") });
    expect(sim.state.vms[Number(first.remoteId)]!.state).toBe("corrupted");
    const sync = await vmmanager.sync(context(conn, { ...service, remoteId: first.remoteId! }));
    expect(sync).toMatchObject({ state: "broken", reason: expect.stringContaining("corrupted") });    sim.state.failNextTask = { error: { code: 5992, msg: "Qemu guest agent is not available on host" } };
    const again = makeService();
    const next = (await vmmanager.open(context(conn, again))) as Pending;
    await expect(vmmanager.poll!(context(conn, again), next.remoteTask)).rejects.toMatchObject({ code: "task_failed", message: expect.stringContaining("Qemu guest agent is not available on host") });
  });

  it("sync calls a creating or corrupted VM broken, a stopped one suspended, and a gone one missing", async () => {
    const { service, result } = await opened();
    const vm = sim.state.vms[Number(result.remoteId)]!;
    for (const [state, want] of [["creating", "broken"], ["corrupted", "broken"], ["stopped", "suspended"], ["active", "active"]] as const) {
      vm.state = state;
      expect((await vmmanager.sync(context(conn, service))).state).toBe(want);
    }
    delete sim.state.vms[vm.id];
    expect(await vmmanager.sync(context(conn, service))).toMatchObject({ state: "missing", reason: expect.any(String) });
  });

  it("treats HTTP 503 (panel idle) as retryable", async () => {
    sim.state.idleNext = 1;
    await expect(vmmanager.open(context(conn, makeService()))).rejects.toMatchObject({ code: "http_503", retryable: true });
    expect(Object.keys(sim.state.vms)).toHaveLength(0);
  });

  it("accepts the /api prefix, and answers a forged token with 401 and code 3001", async () => {
    await expect(openToDone(vmmanager, context(connectionOf(sim, "/api"), makeService()))).resolves.toMatchObject({ status: "done" });
    const res = await fetch(`${sim.url}/vm/v3/os`, { headers: { "x-xsrf-token": "forged" } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe(3001);
  });

  it("stops and starts through host_stop and host_start, deletes with host_delete; close of a gone VM is done", async () => {
    const { service } = await opened();
    const stop = (await vmmanager.suspend(context(conn, service))) as Pending;
    expect(stop.remoteTask).toMatchObject({ name: "host_stop" });
    await settle(vmmanager, context(conn, service), Promise.resolve(stop));
    await expect(vmmanager.suspend(context(conn, service))).resolves.toMatchObject({ status: "done" });
    const start = (await vmmanager.resume(context(conn, service))) as Pending;
    expect(start.remoteTask).toMatchObject({ name: "host_start" });
    await settle(vmmanager, context(conn, service), Promise.resolve(start));
    const close = (await vmmanager.close(context(conn, service))) as Pending;
    expect(close.remoteTask).toMatchObject({ name: "host_delete" });
    await settle(vmmanager, context(conn, service), Promise.resolve(close));
    await expect(vmmanager.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    await expect(vmmanager.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_found", retryable: false });
    expect(sim.state.tasks.map((t) => t.name)).toEqual(["host_create", "host_stop", "host_start", "host_delete"]);
  });

  it("reads a wrong login (HTTP 400 with 3004 or 3011) as a credentials error, final, for every operation", async () => {
    for (const [bad, code] of [[{ password: "wrong-password" }, 3011], [{ email: "nobody@example.test" }, 3004]] as const) {
      const wrong = { ...conn, ...bad };
      const raw = await fetch(`${sim.url}/auth/v4/public/token`, { method: "POST", body: JSON.stringify({ email: wrong.email, password: wrong.password }) });
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as { error: { code: number } }).error.code).toBe(code);
      const expected = { code: "auth", retryable: false, message: expect.stringMatching(/credentials \(email and password\)/) };
      await expect(vmmanager.checkConnection(wrong, createAttemptLog())).rejects.toMatchObject(expected);
      await expect(vmmanager.open(context(wrong, makeService()))).rejects.toMatchObject(expected);
      await expect(vmmanager.suspend(context(wrong, makeService({ remoteId: "1" })))).rejects.toMatchObject(expected);
    }
  });

  it("lists presets as templates", async () => {
    expect(await vmmanager.listTemplates!(conn, createAttemptLog())).toEqual(["vps-small", "vps-large"]);
  });

  it("validates its connection form and asks the order for an OS", () => {
    expect(vmmanager.orderNeeds).toEqual(["os"]);
    expect(vmmanager.connection.safeParse({ url: "https://vm.example.test", email: "a@b.c", password: "x", cluster: "1", os: "2" }).success).toBe(true);
    expect(vmmanager.connection.safeParse({ url: "https://vm.example.test", email: "a@b.c", password: "x" }).success).toBe(false);
    expect(vmmanager.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });
});
