import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Pending, ServiceInfo } from "../../lib/modules/contract";
import { ownerMarker, vcloud } from "../../lib/modules/vcloud";
import type { VcdConnection } from "../../lib/modules/vcloud/client";
import { startVcloudSimulator, type VcloudSimulator } from "../../lib/modules/vcloud/simulator";
import { context, expectRedacted, openToDone, runContractKit, settle, serviceFactory } from "./kit";

const ADMIN = { org: "acme", username: "billing", password: "vcd-S3cret&<pw>" };
const makeService = serviceFactory(7000, (id) => ({ productType: "vps", resources: { cpu: 2, ram: 4, disk: 40 }, params: { hostname: `vps${id}.example.test` }, secrets: { password: `Pw!${id}+&x <y>` } }));

const connectionOf = (sim: VcloudSimulator): VcdConnection => ({ url: sim.url, ...ADMIN, vdcId: sim.vdcId });
const vappsNamed = (sim: VcloudSimulator, name: string) => Object.values(sim.state.vapps).filter((v) => v.name === name);

runContractKit("vcloud", async () => {
  const sim = await startVcloudSimulator(ADMIN);
  return {
    module: vcloud,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), password: "wrong-password" },
    makeService,
    countObjects: () => Object.keys(sim.state.vapps).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: (name) => {
      const vapp = vappsNamed(sim, name)[0];
      return !vapp ? "missing" : vapp.status === 8 ? "suspended" : "active";
    },
    suspendDirectly: (name) => {
      vappsNamed(sim, name)[0]!.status = 8;
    },
    plantForeign: (name) => void sim.plantVApp({ name, description: "made by another tenant" }),
    plantBroken: (service) => void sim.plantVApp({ name: service.remoteName, description: ownerMarker(service), status: -1, deployed: false }),
    breakDirectly: (name) => {
      Object.assign(vappsNamed(sim, name)[0]!, { status: -1, deployed: false });
    },
    close: () => sim.close(),
  };
});

describe("vcloud: panel specifics", () => {
  let sim: VcloudSimulator;
  let conn: VcdConnection;
  beforeEach(async () => {
    sim = await startVcloudSimulator(ADMIN);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });
  const opened = async (overrides: Partial<ServiceInfo> = {}) => {
    const service = makeService(overrides);
    const result = await openToDone(vcloud, context(conn, service));
    return { service: { ...service, remoteId: result.remoteId! }, result };
  };

  it("composes with the resource amounts in MiB, is pending until the task succeeds, and is done with the VM's IP", async () => {
    sim.state.pollsToComplete = 2;
    const service = makeService({ resources: { cpu: 3, ram: 6, disk: 50 }, params: { hostname: "web.example.test" } });
    const ctx = context(conn, service);
    const first = (await vcloud.open(ctx)) as Pending;
    expect(first).toMatchObject({ status: "pending", remoteId: expect.stringMatching(/^vapp-/), remoteTask: { taskId: expect.any(String), action: "compose" } });
    expect(sim.state.composed).toEqual([{ name: service.remoteName, cpus: 3, memoryMb: 6 * 1024, diskMb: 50 * 1024, computerName: "web.example.test" }]);
    expect(vappsNamed(sim, service.remoteName)[0]).toMatchObject({ description: ownerMarker(service), status: 0, network: "vdc-net", osType: "otherLinux64Guest", hardwareVersion: "vmx-19" });
    expect((await vcloud.poll!(ctx, first.remoteTask)).status).toBe("pending");
    const result = await vcloud.poll!(ctx, first.remoteTask);
    expect(result).toMatchObject({ status: "done", remoteId: first.remoteId, details: { ip: expect.stringMatching(/^198\.51\.100\./), hostname: "web.example.test" } });
    expectRedacted(ctx.log, [service.secrets.password, ADMIN.password, "Pw!7", "&lt;y&gt;"]);
  });

  it("a second open while the first compose task still runs adopts it and makes no second vApp", async () => {
    sim.state.pollsToComplete = 3;
    const service = makeService();
    const first = (await vcloud.open(context(conn, service))) as Pending;
    const second = (await vcloud.open(context(conn, service))) as Pending;
    expect(second).toMatchObject({ status: "pending", remoteId: first.remoteId, remoteTask: { taskId: first.remoteTask.taskId, adopted: true } });
    const done = await settle(vcloud, context(conn, service), Promise.resolve(second));
    expect(done).toMatchObject({ adopted: true, remoteId: first.remoteId });
    expect(vappsNamed(sim, service.remoteName)).toHaveLength(1);
    expect(sim.state.composed).toHaveLength(1);
  });

  it("adopts on DUPLICATE_NAME when the lookup missed the vApp", async () => {
    const service = makeService();
    await openToDone(vcloud, context(conn, service));
    sim.state.staleQueries = 1;
    const ctx = context(conn, service);
    const result = await openToDone(vcloud, ctx);
    expect(result).toMatchObject({ adopted: true, details: { ip: expect.any(String) } });
    expect(ctx.log.text()).toContain("DUPLICATE_NAME");
    expect(vappsNamed(sim, service.remoteName)).toHaveLength(1);
  });

  it("a lost compose answer: the retry adopts exactly one vApp", async () => {
    sim.setFaults({ loseAnswer: true });
    const service = makeService();
    await expect(vcloud.open(context(conn, service))).rejects.toMatchObject({ code: "network", retryable: true });
    const result = await openToDone(vcloud, context(conn, service));
    expect(result).toMatchObject({ adopted: true, remoteId: vappsNamed(sim, service.remoteName)[0]!.id });
    expect(sim.state.composed).toHaveLength(1);
  });

  it("treats HTTP 503 as retryable", async () => {
    sim.state.unavailableNext = 1;
    await expect(vcloud.open(context(conn, makeService()))).rejects.toMatchObject({ code: "http_503", retryable: true });
  });

  it("refuses missing resources; a failed compose task is final with VCD's reason and leaves a broken vApp", async () => {
    await expect(vcloud.open(context(conn, makeService({ resources: { cpu: 2 } })))).rejects.toMatchObject({ code: "resources_missing", retryable: false });
    sim.state.failNextTask = "Unable to find a suitable datastore";
    const service = makeService();
    const ctx = context(conn, service);
    const first = (await vcloud.open(ctx)) as Pending;
    await expect(vcloud.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "task_error", retryable: false, message: expect.stringContaining("Unable to find a suitable datastore") });
    expect(await vcloud.sync(context(conn, service))).toMatchObject({ state: "broken", reason: expect.stringContaining("status -1") });
    await expect(vcloud.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false });
  });

  it("closes by undeploy then DELETE with force and recursive; a second close is done", async () => {
    const { service } = await opened();
    const undeploy = (await vcloud.close(context(conn, service))) as Pending;
    expect(undeploy.remoteTask).toMatchObject({ action: "undeploy" });
    await settle(vcloud, context(conn, service), Promise.resolve(undeploy));
    expect(sim.state.calls.find((c) => c.method === "DELETE" && c.path.startsWith("/api/"))?.query).toEqual({ force: "true", recursive: "true" });
    expect(Object.keys(sim.state.vapps)).toHaveLength(0);
    await expect(vcloud.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
  });

  it("powers on only when off, and speaks JSON on cloudapi, XML on /api", async () => {
    const { service, result } = await opened();
    await expect(vcloud.resume(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.calls.some((c) => c.path.endsWith("/powerOn"))).toBe(false);
    const accept = "application/json;version=38.1";
    const login = await fetch(`${sim.url}/cloudapi/1.0.0/sessions`, { method: "POST", headers: { accept, authorization: `Basic ${Buffer.from(`${ADMIN.username}@${ADMIN.org}:${ADMIN.password}`).toString("base64")}` } });
    expect(login.headers.get("content-type")).toContain("application/json");
    const token = login.headers.get("x-vmware-vcloud-access-token")!;
    const on = await fetch(`${sim.url}/api/vApp/${result.remoteId}/power/action/powerOn`, { method: "POST", headers: { accept: "application/*+xml;version=38.1", authorization: `Bearer ${token}` } });
    expect(on.status).toBe(400);
    expect(await on.text()).toMatch(/<Error [^>]*minorErrorCode="BAD_REQUEST"/);
  });

  it("validates its connection form and has no templates; check connection reads the vDC", async () => {
    expect(vcloud.usesTemplates).toBe(false);
    expect(vcloud.listTemplates).toBeUndefined();
    expect(vcloud.orderNeeds).toBeUndefined();
    expect(vcloud.connection.safeParse({ url: "https://vcd.example.test", org: "o", username: "u", password: "p", vdcId: "v" }).success).toBe(true);
    expect(vcloud.connection.safeParse({ url: "https://vcd.example.test", org: "o", username: "u", password: "p" }).success).toBe(false);
    expect(vcloud.connection.safeParse({ url: "https://vcd.example.test", org: "o", username: "u", password: "p", vdcId: "v", hardwareVersion: "19" }).success).toBe(false);
    expect(vcloud.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
    await expect(vcloud.checkConnection({ ...conn, vdcId: "no-such-vdc" }, createAttemptLog())).rejects.toMatchObject({ code: "not_found", retryable: false });
    await expect(vcloud.checkConnection({ ...conn, network: "no-such-net" }, createAttemptLog())).rejects.toMatchObject({ code: "network_missing", retryable: false });
  });
});
