import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Pending, ServiceInfo } from "../../lib/modules/contract";
import { ownerMarker, vcloud } from "../../lib/modules/vcloud";
import type { VcdConnection } from "../../lib/modules/vcloud/client";
import { composeParams, sizesOf } from "../../lib/modules/vcloud/compose";
import { startVcloudSimulator, type VcloudSimulator } from "../../lib/modules/vcloud/simulator";
import { context, openToDone, settle, serviceFactory } from "./kit";

const ADMIN = { org: "acme", username: "billing", password: "vcd-S3cret&<pw>" };
const makeService = serviceFactory(8000, (id) => ({ productType: "vps", resources: { cpu: 2, ram: 4, disk: 40 }, params: { hostname: `vps${id}.example.test` }, secrets: { password: `Pw!${id}+&x <y>` } }));
const vappsNamed = (sim: VcloudSimulator, name: string) => Object.values(sim.state.vapps).filter((v) => v.name === name);
const changes = (sim: VcloudSimulator) => sim.state.calls.filter((c) => c.path.startsWith("/api/") && c.method !== "GET");

describe("vcloud: fidelity to the real VCD", () => {
  let sim: VcloudSimulator;
  let conn: VcdConnection;
  beforeEach(async () => {
    sim = await startVcloudSimulator(ADMIN);
    conn = { url: sim.url, ...ADMIN, vdcId: sim.vdcId };
  });
  afterEach(async () => {
    await sim.close();
  });
  const opened = async (overrides: Partial<ServiceInfo> = {}) => {
    const service = makeService(overrides);
    const result = await openToDone(vcloud, context(conn, service));
    return { service: { ...service, remoteId: result.remoteId! }, result };
  };
  const compose = async (xml: string) => {
    const token = (await fetch(`${sim.url}/cloudapi/1.0.0/sessions`, { method: "POST", headers: { accept: "application/json;version=38.1", authorization: `Basic ${Buffer.from(`${ADMIN.username}@${ADMIN.org}:${ADMIN.password}`).toString("base64")}` } })).headers.get("x-vmware-vcloud-access-token");
    const res = await fetch(`${sim.url}/api/vdc/${sim.vdcId}/action/composeVApp`, { method: "POST", body: xml, headers: { authorization: `Bearer ${token}`, accept: "application/*+xml;version=38.1", "content-type": "application/vnd.vmware.vcloud.composeVAppParams+xml" } });
    return { status: res.status, text: (await res.text()).replace(/&apos;/g, "'").replace(/&quot;/g, '"') };
  };

  it("the simulator refuses bodies that break the schema with 400 cvc-… as VCD does; the module's body passes", async () => {
    const service = makeService();
    const good = composeParams(context(conn, service), { name: "vdc-net", href: `${sim.url}/api/network/4f1c7d0e-net` }, sizesOf(service.resources), "pw");
    const broken: [string, RegExp][] = [
      [good.replace(`<CreateItem name="${service.remoteName}">`, `<CreateItem><Name>${service.remoteName}</Name>`), /cvc-complex-type\.4: Attribute 'name' must appear on element 'CreateItem'/],
      [good.replace(/<OsType>.*?<\/OsType>/, ""), /cvc-complex-type\.2\.4\.a: .*OsType/],
      [good.replace(/<HardwareVersion>.*?<\/HardwareVersion>/, ""), /cvc-complex-type\.2\.4\.b: .*HardwareVersion/],
      [good.replace(/<AdapterType>.*?<\/AdapterType>/, ""), /cvc-complex-type\.2\.4\.a: .*AdapterType/],
      [good.replace(/overrideVmDefault>/g, "OverrideVmDefault>"), /cvc-complex-type\.2\.4\.a: Invalid content was found starting with element 'OverrideVmDefault'/],
      [good.replace(/<overrideVmDefault>.*?<\/overrideVmDefault>/, ""), /cvc-complex-type\.2\.4\.b: .*overrideVmDefault/],
    ];
    for (const [xml, message] of broken) {
      const res = await compose(xml);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(message);
    }
    expect(sim.state.vapps).toEqual({});
    expect((await compose(good)).status).toBe(201);
  });

  it("a VM without a network connection gets no IP, and open is then not done", async () => {
    const service = makeService();
    const ctx = context(conn, service);
    const first = (await vcloud.open(ctx)) as Pending;
    vappsNamed(sim, service.remoteName)[0]!.ip = undefined;
    await expect(vcloud.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "vapp_no_network", retryable: false });
    const res = await compose(composeParams(ctx, { name: "vdc-net", href: `${sim.url}/api/network/4f1c7d0e-net` }, sizesOf(service.resources), "pw").replace(/<NetworkConnectionSection>[\s\S]*?<\/NetworkConnectionSection>/, "").replace(`name="${service.remoteName}"`, 'name="other"'));
    expect(res.status).toBe(201);
    const other = vappsNamed(sim, "other")[0]!;
    expect([other.ip, other.network]).toEqual([undefined, undefined]);
  });

  it("open is done only when the VM shows the tariff's CPUs, memory and disk", async () => {
    const service = makeService();
    const ctx = context(conn, service);
    const first = (await vcloud.open(ctx)) as Pending;
    vappsNamed(sim, service.remoteName)[0]!.memoryMb = 2048;
    await expect(vcloud.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "vapp_mismatch", retryable: false, message: expect.stringContaining("memoryMb is 2048, not 4096") });
  });

  it("a foreign vApp with our name is never adopted, and no later operation touches it", async () => {
    const service = makeService();
    const foreign = sim.plantVApp({ name: service.remoteName, description: "made by another tenant" });
    await expect(vcloud.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    await expect(vcloud.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_ours", retryable: false });
    await expect(vcloud.resume(context(conn, service))).rejects.toMatchObject({ code: "not_ours", retryable: false });
    await expect(vcloud.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(await vcloud.sync(context(conn, service))).toMatchObject({ state: "missing", reason: expect.stringContaining("not this service's") });
    expect(sim.state.vapps[foreign.id]).toMatchObject({ status: 4, deployed: true });
    expect(changes(sim)).toEqual([]);
  });

  it("a vApp carrying our marker that failed creation is never adopted", async () => {
    const service = makeService();
    sim.plantVApp({ name: service.remoteName, description: ownerMarker(service), status: -1, deployed: false });
    await expect(vcloud.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false });
    expect(changes(sim)).toEqual([]);
  });

  it("403 ACCESS_TO_RESOURCE_IS_FORBIDDEN on a vApp means it is gone: close is done, sync says missing, suspend is final not_found", async () => {
    const { service } = await opened();
    delete sim.state.vapps[service.remoteId];
    const ctx = context(conn, service);
    await expect(vcloud.close(ctx)).resolves.toMatchObject({ status: "done" });
    expect(ctx.log.text()).toContain("ACCESS_TO_RESOURCE_IS_FORBIDDEN");
    expect(await vcloud.sync(context(conn, service))).toMatchObject({ state: "missing" });
    await expect(vcloud.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_found", retryable: false });
  });

  it("a close that meets the vApp busy with a task waits for that task instead of failing an attempt; suspend is retryable", async () => {
    sim.state.pollsToComplete = 2;
    const { service } = await opened();
    const first = (await vcloud.close(context(conn, service))) as Pending;
    const second = (await vcloud.close(context(conn, service))) as Pending;
    expect(second).toMatchObject({ status: "pending", remoteTask: { action: "settle", taskId: first.remoteTask.taskId } });
    await expect(vcloud.suspend(context(conn, service))).rejects.toMatchObject({ code: "busy", retryable: true });
    await settle(vcloud, context(conn, service), Promise.resolve(second));
    expect(sim.state.vapps).toEqual({});
    expect(changes(sim).filter((c) => c.path.endsWith("/action/undeploy"))).toHaveLength(1);
  });

  it("close after its own undeploy's answer was lost: the undeploy runs on by itself, close waits for it, then deletes", async () => {
    const { service } = await opened();
    sim.state.taskMs = 300;
    sim.state.loseActionAnswer = true;
    await expect(vcloud.close(context(conn, service))).rejects.toMatchObject({ retryable: true });
    const [undeploy] = Object.values(sim.state.tasks).filter((t) => t.operationName === "vappUndeployPowerOff");
    expect(undeploy).toMatchObject({ status: "running", polls: 0 });
    const retry = (await vcloud.close(context(conn, service))) as Pending;
    expect(retry).toMatchObject({ status: "pending", remoteTask: { action: "settle", taskId: undeploy!.id } });
    // Nobody polls it: VCD still ends the task on its own.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await fetch(`${sim.url}/api/versions`);
    expect(undeploy).toMatchObject({ status: "success", polls: 0 });
    await settle(vcloud, context(conn, service), vcloud.poll!(context(conn, service), retry.remoteTask));
    expect(sim.state.vapps).toEqual({});
    expect(changes(sim).filter((c) => c.path.endsWith("/action/undeploy"))).toHaveLength(1);
  });

  it("an answer that is neither success nor an error is never done", async () => {
    sim.setFaults({ ambiguous: true });
    await expect(vcloud.open(context(conn, makeService()))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    expect(sim.state.vapps).toEqual({});
    sim.setFaults({ ambiguous: false });
    const { service } = await opened();
    sim.setFaults({ ambiguous: true });
    await expect(vcloud.suspend(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    await expect(vcloud.close(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    sim.setFaults({ ambiguous: false });
    const task = Object.values(sim.state.tasks)[0]!;
    task.status = "paused";
    await expect(vcloud.poll!(context(conn, service), { taskId: task.id, vAppId: service.remoteId, action: "powerOff" })).rejects.toMatchObject({ code: "bad_response", retryable: true });
  });

  it("an ignored create is caught: the task is unknown to VCD and open is not done", async () => {
    sim.setFaults({ ignoreCreate: true });
    const ctx = context(conn, makeService());
    const first = (await vcloud.open(ctx)) as Pending;
    await expect(vcloud.poll!(ctx, first.remoteTask)).rejects.toMatchObject({ code: "task_missing", retryable: true });
    expect(sim.state.vapps).toEqual({});
  });

  it("one session serves a whole life cycle; an expired one is renewed once mid-attempt", async () => {
    const { service } = await opened();
    for (const op of ["suspend", "resume"] as const) await settle(vcloud, context(conn, service), vcloud[op](context(conn, service)));
    await vcloud.sync(context(conn, service));
    expect(sim.state.logins).toBe(1);
    expect(sim.openSessions()).toBe(1);
    sim.expireSessions();
    const ctx = context(conn, service);
    await settle(vcloud, ctx, vcloud.close(ctx));
    expect(ctx.log.text()).toContain("logging in again once");
    expect(sim.state.logins).toBe(2);
    expect(sim.openSessions()).toBe(1);
    expect(sim.state.vapps).toEqual({});
  });

  it("reads answers written with a vcloud: prefix and single quotes, sizes only in the OVF hardware section, and a legacy session header", async () => {
    sim.state.variant = true;
    const { service, result } = await opened();
    expect(result.details).toMatchObject({ ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), hostname: service.params.hostname });
    expect(await vcloud.sync(context(conn, service))).toMatchObject({ state: "active" });
    for (const op of ["suspend", "resume", "close"] as const) await settle(vcloud, context(conn, service), vcloud[op](context(conn, service)));
    expect(await vcloud.sync(context(conn, service))).toMatchObject({ state: "missing" });
    sim.state.failNextTask = "No capacity left in storage policy 'gold'";
    await expect(openToDone(vcloud, context(conn, makeService()))).rejects.toMatchObject({ code: "task_error", message: expect.stringContaining("No capacity left in storage policy 'gold'") });
    const res = await fetch(`${sim.url}/api/versions`);
    expect(await res.text()).toMatch(/<vcloud:VersionInfo deprecated='true'>/);
  });

  it("reads ownership only from the vApp's own Description, never from its network's", async () => {
    const service = makeService();
    sim.plantVApp({ name: service.remoteName, description: "", network: "vdc-net", networkDescription: ownerMarker(service) });
    await expect(vcloud.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    await expect(vcloud.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(vappsNamed(sim, service.remoteName)).toHaveLength(1);
  });

  it("negotiates the API version from GET /api/versions, skipping a deprecated one, and again when VCD drops it", async () => {
    sim.state.versions = [{ version: "36.3", deprecated: true }, { version: "37.2", deprecated: false }, { version: "40.0", deprecated: false }];
    const ctx = context(conn, makeService());
    await openToDone(vcloud, ctx);
    expect(ctx.log.text()).toContain("API version 37.2");
    expect(sim.state.calls.filter((c) => c.path === "/api/versions")).toHaveLength(1);
    sim.state.versions = [{ version: "38.1", deprecated: false }];
    const again = context(conn, makeService());
    await openToDone(vcloud, again);
    expect(again.log.text()).toContain("negotiating again once");
    expect(again.log.text()).toContain("API version 38.1");
    const other = { ...conn, username: "someone" };
    sim.state.versions = [{ version: "31.0", deprecated: false }];
    await expect(vcloud.open(context(other, makeService()))).rejects.toMatchObject({ code: "version", retryable: false });
  });
});
