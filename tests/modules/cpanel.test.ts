import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { cpanel } from "../../lib/modules/cpanel";
import type { CpanelConnection } from "../../lib/modules/cpanel/client";
import { startCpanelSimulator, type CpanelSimulator } from "../../lib/modules/cpanel/simulator";
import { context, expectRedacted, openToDone, runContractKit, serviceFactory } from "./kit";

const TOKEN = "WHMTOKEN-9f8e7d6c5b4a";
const makeService = serviceFactory(2000, (id) => ({ template: "starter", params: { domain: `site-${id}.example.test` } }));

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
    deleteDirectly: (name) => {
      delete sim.state.accounts[name];
    },
    plantForeign: (name) => sim.plantForeign(name),
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
    expect((await denied.json()).cpanelresult.error).toBe("Access denied");
    await expect(cpanel.checkConnection({ ...conn, apiToken: "nope" }, createAttemptLog())).rejects.toMatchObject({ code: "auth", retryable: false });
  });

  it("sends the tariff's package and the order's domain, and reads the account back", async () => {
    const service = makeService({ template: "business", params: { domain: "Shop.Example.test" } });
    const result = await openToDone(cpanel, context(conn, service));
    const create = sim.state.calls.find((c) => c.fn === "createacct");
    expect(create?.params).toMatchObject({
      "api.version": "1", username: service.remoteName, plan: "business", domain: "shop.example.test",
      contactemail: "ann@example.test", password: "***",
    });
    expect(sim.state.calls.map((c) => c.fn)).toEqual(["listaccts", "createacct", "listaccts"]);
    expect(sim.state.accounts[service.remoteName].plan).toBe("business");
    expect(result).toMatchObject({
      remoteId: service.remoteName,
      details: { login: service.remoteName, domain: "shop.example.test", ip: "203.0.113.10" },
      secrets: { password: service.secrets.password },
    });
  });

  it("an exact listaccts miss is result 0 'No accounts found.', read as not found", async () => {
    const res = await fetch(`${sim.url}/json-api/listaccts?api.version=1&search=nobody&searchtype=user&searchmethod=exact`, { headers: { authorization: `whm root:${TOKEN}` } });
    expect((await res.json()).metadata).toMatchObject({ result: 0, reason: "No accounts found." });
    await expect(cpanel.sync(context(conn, makeService()))).resolves.toMatchObject({ state: "missing" });
    const service = makeService();
    await expect(openToDone(cpanel, context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.calls.filter((c) => c.fn === "createacct")).toHaveLength(1);
  });

  it("refuses without a package or a domain, and never makes one up", async () => {
    await expect(cpanel.open(context(conn, makeService({ template: null })))).rejects.toMatchObject({ code: "template_missing", retryable: false });
    await expect(cpanel.open(context(conn, makeService({ params: {} })))).rejects.toMatchObject({
      code: "domain_missing", retryable: false, message: expect.stringContaining("The order carries no domain"),
    });
    expect(sim.state.calls).toHaveLength(0);
  });

  it("final reasons: invalid domain, taken domain, weak password, unknown package", async () => {
    const cases: [Partial<Parameters<typeof makeService>[0]>, string, string][] = [
      [{ params: { domain: "bad_domain.example" } }, "invalid_domain", "cannot accept"],
      [{ secrets: { password: "abc12" } }, "weak_password", "too weak"],
      [{ template: "gold" }, "unknown_template", "Specified package does not exist"],
    ];
    const first = makeService();
    await openToDone(cpanel, context(conn, first));
    cases.push([{ params: { domain: first.params.domain } }, "domain_taken", "already exists in the userdata"]);
    for (const [overrides, code, reason] of cases) {
      const error = await cpanel.open(context(conn, makeService(overrides))).catch((e: unknown) => e);
      expect(error, code).toMatchObject({ code, retryable: false, message: expect.stringContaining(reason) });
    }
    expect(Object.keys(sim.state.accounts)).toEqual([first.remoteName]);
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

  it("adopts only an account with this service's contact email or domain, active and on the package", async () => {
    sim.setFaults({ exists: true });
    const service = makeService();
    await expect(cpanel.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    expect(sim.state.accounts[service.remoteName].owner).toBe("other");

    const byDomain = makeService();
    sim.plantForeign(byDomain.remoteName);
    Object.assign(sim.state.accounts[byDomain.remoteName], { domain: byDomain.params.domain, plan: "starter" });
    await expect(openToDone(cpanel, context(conn, byDomain))).resolves.toMatchObject({ adopted: true });

    const suspended = makeService();
    await openToDone(cpanel, context(conn, suspended));
    sim.state.accounts[suspended.remoteName].suspended = true;
    await expect(cpanel.open(context(conn, suspended))).rejects.toMatchObject({ code: "exists_broken", retryable: false });

    const moved = makeService();
    await openToDone(cpanel, context(conn, moved));
    sim.state.accounts[moved.remoteName].plan = "business";
    await expect(cpanel.open(context(conn, moved))).rejects.toMatchObject({ code: "template_mismatch", retryable: false });
  });

  it("never reads the API 0 shape as success", async () => {
    const res = await fetch(`${sim.url}/json-api/version`, { headers: { authorization: `whm root:${TOKEN}` } });
    expect(await res.json()).toMatchObject({ result: [{ status: 1 }] });
    const service = makeService();
    sim.setFaults({ ambiguous: true });
    await expect(cpanel.open(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    sim.setFaults({ ambiguous: false });
    await openToDone(cpanel, context(conn, service));
    sim.setFaults({ ambiguous: true });
    for (const op of [cpanel.suspend, cpanel.resume, cpanel.close]) {
      await expect(op(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    }
    expect(sim.state.accounts[service.remoteName]).toMatchObject({ suspended: false });
  });

  it("gives createacct and removeacct at least 90 s, other calls the handler's time-out", async () => {
    const short = { ...conn, timeoutMs: 200 };
    sim.state.slow = { createacct: 400, removeacct: 400 };
    const service = makeService();
    const opened = await openToDone(cpanel, context(short, service));
    expect(opened.adopted).toBeFalsy();
    await expect(cpanel.close(context(short, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.accounts[service.remoteName]).toBeUndefined();
    sim.state.slow = { listaccts: 400 };
    await expect(cpanel.open(context(short, makeService()))).rejects.toMatchObject({ code: "timeout", retryable: true, message: expect.stringContaining("200 ms") });
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

  it("treats a missing account: close is done, suspend and resume are final with a clear reason", async () => {
    const service = makeService();
    await openToDone(cpanel, context(conn, service));
    delete sim.state.accounts[service.remoteName];
    await expect(cpanel.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    for (const op of [cpanel.suspend, cpanel.resume]) {
      await expect(op(context(conn, service))).rejects.toMatchObject({
        code: "not_found", retryable: false, message: expect.stringContaining(`no account '${service.remoteName}'`),
      });
    }
    const raw = await fetch(`${sim.url}/json-api/removeacct?api.version=1&username=${service.remoteName}`, { headers: { authorization: `whm root:${TOKEN}` } });
    expect((await raw.json()).metadata.reason).toMatch(/^API failure: \(XID \w+\) You do not have a user named/);
  });

  it("reads suspension from the listaccts row on sync", async () => {
    const service = makeService();
    await openToDone(cpanel, context(conn, service));
    await cpanel.suspend(context(conn, service));
    expect(sim.state.accounts[service.remoteName].suspendReason).toContain(String(service.id));
    await expect(cpanel.sync(context(conn, service))).resolves.toMatchObject({ state: "suspended" });
    expect(sim.state.calls.at(-1)?.fn).toBe("listaccts");
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
