import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { cpanel, domainFor } from "../../lib/modules/cpanel";
import type { CpanelConnection } from "../../lib/modules/cpanel/client";
import { startCpanelSimulator, type CpanelSimulator } from "../../lib/modules/cpanel/simulator";
import { context, expectRedacted, openToDone, runContractKit, serviceFactory } from "./kit";

const TOKEN = "WHMTOKEN-9f8e7d6c5b4a";
const makeService = serviceFactory(2000, (id) => ({ template: "starter", params: { domain: `site${id}.example.test` } }));

const connectionOf = (sim: CpanelSimulator): CpanelConnection => ({ url: sim.url, username: "root", apiToken: TOKEN });

runContractKit("cpanel", async () => {
  const sim = await startCpanelSimulator({ apiToken: TOKEN });
  return {
    module: cpanel,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), apiToken: "wrong-token" },
    makeService,
    countObjects: () => Object.keys(sim.state.accounts).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: (name) => {
      const account = sim.state.accounts[name];
      return !account ? "missing" : account.suspended ? "suspended" : "active";
    },
    suspendDirectly: (name) => {
      sim.state.accounts[name].suspended = true;
    },
    unknownTemplate: "no-such-package",
    close: () => sim.close(),
  };
});

describe("cpanel: panel specifics", () => {
  let sim: CpanelSimulator;
  let conn: CpanelConnection;
  beforeEach(async () => {
    sim = await startCpanelSimulator({ apiToken: TOKEN });
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it("speaks WHM API 1 with the token header and the WHM envelope", async () => {
    const res = await fetch(`${sim.url}/json-api/listpkgs?api.version=1`, { headers: { authorization: `whm root:${TOKEN}` } });
    const body = await res.json();
    expect(body.metadata).toMatchObject({ command: "listpkgs", result: 1, version: 1 });
    expect(body.data.pkg.map((p: { name: string }) => p.name)).toEqual(["default", "starter", "business"]);
    const denied = await fetch(`${sim.url}/json-api/version?api.version=1`, { headers: { authorization: "whm root:nope" } });
    expect(denied.status).toBe(403);
  });

  it("sends the tariff's template as the package, and answers with login, domain, IP and panel URL", async () => {
    const service = makeService({ template: "business", params: { domain: "Shop.Example.test" } });
    const result = await openToDone(cpanel, context(conn, service));
    const create = sim.state.calls.find((c) => c.fn === "createacct");
    expect(create?.params).toMatchObject({
      "api.version": "1", username: service.remoteName, plan: "business", domain: "shop.example.test",
      contactemail: "ann@example.test", password: "***",
    });
    expect(sim.state.accounts[service.remoteName].plan).toBe("business");
    expect(result).toMatchObject({
      remoteId: service.remoteName,
      details: { login: service.remoteName, domain: "shop.example.test", ip: "203.0.113.10" },
      secrets: { password: service.secrets.password },
    });
    expect(() => domainFor(makeService({ remoteName: "pv7", params: {} }))).toThrow("The order names no domain for the cPanel account");
  });

  it("adopts the account when createacct says a group for that username already exists", async () => {
    sim.setHazard("group_exists");
    const service = makeService();
    const ctx = context(conn, service);
    const result = await cpanel.open(ctx);
    expect(result).toMatchObject({ status: "done", adopted: true, remoteId: service.remoteName });
    expect(ctx.log.text()).toContain("a group for that username already exists");
    expect(sim.state.calls.map((c) => c.fn)).toEqual(["listaccts", "createacct", "listaccts"]);
    expect(Object.keys(sim.state.accounts)).toEqual([service.remoteName]);
  });

  it("adopts the account when createacct times out after creating it", async () => {
    sim.setHazard("no_answer");
    const service = makeService();
    const result = await cpanel.open(context({ ...conn, timeoutMs: 300 }, service));
    expect(result).toMatchObject({ status: "done", adopted: true });
    expect(sim.state.accounts[service.remoteName].owner).toBe("api");
  });

  it("refuses an account of the same name with another domain", async () => {
    sim.setFaults({ exists: true });
    const service = makeService();
    await expect(cpanel.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    expect(sim.state.accounts[service.remoteName].owner).toBe("other");
  });

  it("changes the package, and refuses an unknown one", async () => {
    const service = makeService();
    await openToDone(cpanel, context(conn, service));
    await cpanel.changeTariff!(context(conn, service, { template: "business" }));
    expect(sim.state.calls.at(-1)).toMatchObject({ fn: "changepackage", params: { user: service.remoteName, pkg: "business" } });
    expect(sim.state.accounts[service.remoteName].plan).toBe("business");
    await expect(cpanel.changeTariff!(context(conn, service, { template: "nope" }))).rejects.toMatchObject({ code: "unknown_template", retryable: false });
    await expect(cpanel.changeTariff!(context(conn, service, {}))).rejects.toMatchObject({ code: "template_missing" });
  });

  it("treats a missing account: close is done, suspend is not found", async () => {
    const service = makeService();
    await expect(cpanel.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.calls.at(-1)).toMatchObject({ fn: "removeacct", params: { username: service.remoteName } });
    await expect(cpanel.suspend(context(conn, service))).rejects.toMatchObject({ code: "not_found", retryable: false });
  });

  it("reads suspension from listsuspended on sync", async () => {
    const service = makeService();
    await openToDone(cpanel, context(conn, service));
    await cpanel.suspend(context(conn, service));
    expect(sim.state.accounts[service.remoteName].suspendReason).toContain(String(service.id));
    await expect(cpanel.sync(context(conn, service))).resolves.toMatchObject({ state: "suspended" });
    expect(sim.state.calls.at(-1)?.fn).toBe("listsuspended");
  });

  it("lists packages as templates and never logs the token", async () => {
    const log = createAttemptLog();
    expect(await cpanel.listTemplates!(conn, log)).toEqual(["default", "starter", "business"]);
    await cpanel.checkConnection(conn, log);
    log.line(`echo ${TOKEN}`);
    expectRedacted(log, [TOKEN]);
  });

  it("validates its connection form with root as the default user", () => {
    const parsed = cpanel.connection.safeParse({ url: "https://whm.example.test:2087", apiToken: "t" });
    expect(parsed.success && parsed.data.username).toBe("root");
    expect(cpanel.connection.safeParse({ url: "https://x", username: "root" }).success).toBe(false);
    expect(cpanel.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["apiToken"]);
  });
});
