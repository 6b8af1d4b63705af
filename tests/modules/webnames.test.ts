import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { webnames } from "../../lib/modules/webnames";
import { srs, type WebnamesConnection } from "../../lib/modules/webnames/client";
import { startSimulator } from "../../lib/modules/simulator-server";
import { startWebnamesSimulator, type WebnamesSimulator } from "../../lib/modules/webnames/simulator";
import { context, expectRedacted, openToDone, runContractKit, serviceFactory } from "./kit";

const ACCOUNT = { username: "reseller", password: "wn-S3cret!pass" };
const makeService = serviceFactory(3000, (id) => ({ productType: "domain", remoteName: `shop-${id}.ru`, params: { domain: `shop-${id}.ru` }, months: 12, client: { id: 1, name: "Ann Client", email: "ann@example.test", phone: "+7.9001234567", country: "RU", city: "Moscow", address: "Tverskaya 1" } }));

const connectionOf = (sim: WebnamesSimulator): WebnamesConnection => ({ url: sim.url, ...ACCOUNT });

runContractKit("webnames", async () => {
  const sim = await startWebnamesSimulator(ACCOUNT);
  return {
    module: webnames,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), password: "wrong-password" },
    makeService,
    countObjects: () => Object.keys(sim.state.domains).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: (name) => (sim.state.domains[name] ? "active" : "missing"),
    deleteDirectly: (name) => {
      delete sim.state.domains[name];
    },
    plantForeign: (name) => sim.plantForeign(name),
    plantBroken: (service) => {
      sim.state.domains[service.remoteName] = {
        name: service.remoteName, owner: "us", status: "errsent", pollsLeft: 0, expiresAt: "2030-01-01", nameservers: ["ns1.webnames.ru"], contact: {}, renewals: 0,
      };
    },
    breakDirectly: (name) => {
      sim.state.domains[name].status = "errsent";
    },
    lifeCycle: "registrar",
    close: () => sim.close(),
  };
});

describe("webnames: registrar specifics", () => {
  let sim: WebnamesSimulator;
  let conn: WebnamesConnection;
  beforeEach(async () => {
    sim = await startWebnamesSimulator(ACCOUNT);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it("registers with the form protocol: period in years, name servers, punycode and registrant fields", async () => {
    const service = makeService({ remoteName: "Пример.рф", months: 13, params: { nameservers: ["ns1.host.test", "ns2.host.test"] } });
    const result = await openToDone(webnames, context(conn, service));
    const registration = sim.state.calls.find((c) => c.page === "pispRegistration");
    expect(registration?.params).toMatchObject({
      username: "reseller", password: "***", domain_name: "xn--e1afmkfd.xn--p1ai", period: "2",
      ns0: "ns1.host.test", ns1: "ns2.host.test", interface_revision: "1", interface_lang: "en",
      person: "Ann Client", e_mail: "ann@example.test", country: "RU",
    });
    expect(sim.state.calls.map((c) => c.page)).toEqual(["pispGetApprovalStatus", "pispCheckDomain", "pispRegistration", "pispGetApprovalStatus"]);
    expect(result).toMatchObject({ remoteId: "xn--e1afmkfd.xn--p1ai", details: { domain: "xn--e1afmkfd.xn--p1ai", nameservers: "ns1.host.test, ns2.host.test" } });
    expect(result.details?.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("answers pending while the registration awaits approval, and polls once per call, rarely", async () => {
    sim.settings.approvalPolls = 3;
    const service = makeService();
    const ctx = context(conn, service);
    const first = await webnames.open(ctx);
    expect(first).toMatchObject({ status: "pending", remoteId: service.remoteName, remoteTask: { domain: service.remoteName, adopted: false } });
    expect(first.status === "pending" && first.pollAfterMs).toBeGreaterThanOrEqual(10 * 60_000);
    const remoteTask = first.status === "pending" ? first.remoteTask : {};
    expect(await webnames.poll!(ctx, remoteTask)).toMatchObject({ status: "pending" });
    const last = await webnames.poll!(ctx, remoteTask);
    expect(last).toMatchObject({ status: "done", remoteId: service.remoteName });
    expect(last.status === "done" && last.adopted).toBeFalsy();
    expect(sim.state.polls[service.remoteName]).toBe(4);
  });

  it("adopts a registration an earlier try sent, pending or approved", async () => {
    sim.settings.approvalPolls = 2;
    const service = makeService();
    await webnames.open(context(conn, service));
    const again = await openToDone(webnames, context(conn, service));
    expect(again.adopted).toBe(true);
    expect(sim.state.calls.filter((c) => c.page === "pispRegistration")).toHaveLength(1);
  });

  it("turns a rejected registration into a non-retryable error", async () => {
    sim.settings.rejectNext = true;
    await expect(webnames.open(context(conn, makeService()))).rejects.toMatchObject({ code: "registration_rejected", retryable: false });
  });

  it("renews for whole years and returns the new expiry", async () => {
    const service = makeService();
    await openToDone(webnames, context(conn, service));
    const before = sim.state.domains[service.remoteName].expiresAt;
    const result = await webnames.prolong!(context(conn, service, { months: 24 }));
    expect(sim.state.calls.at(-1)?.params).toMatchObject({ thisPage: "pispRenewDomain", domain_name: service.remoteName, period: "2" });
    const after = sim.state.domains[service.remoteName].expiresAt;
    expect(Number(after.slice(0, 4)) - Number(before.slice(0, 4))).toBe(2);
    expect(result).toMatchObject({ status: "done", details: { expires_at: after } });
    expect(result.status === "done" && result.expiresAt?.toISOString().slice(0, 10)).toBe(after);
  });

  it("does not retry a renew whose answer was lost, but retries one the registrar refused", async () => {
    const service = makeService();
    await openToDone(webnames, context(conn, service));
    sim.setFaults({ failNext: 1 });
    await expect(webnames.prolong!(context(conn, service))).rejects.toMatchObject({ code: "panel_error", retryable: true });
    sim.setFaults({ timeout: true });
    await expect(webnames.prolong!(context({ ...conn, timeoutMs: 200 }, service))).rejects.toMatchObject({ code: "renew_unconfirmed", retryable: false });
    expect(sim.state.domains[service.remoteName].renewals).toBe(0);
  });

  it("leaves suspend to a person and closes by not renewing", async () => {
    const service = makeService();
    await openToDone(webnames, context(conn, service));
    await expect(webnames.suspend(context(conn, service))).rejects.toMatchObject({ code: "registry_manual", retryable: false });
    const closed = await webnames.close(context(conn, service));
    expect(closed).toMatchObject({ status: "done", details: { note: expect.stringContaining("Not renewed") } });
    expect(sim.state.domains[service.remoteName]).toBeDefined();
  });

  it("counts only a first line starting with 'Success:' as success", async () => {
    const replies = ["Success: Domain status is 'approved'", "<html>Success: Domain status is 'approved'</html>", "success: Domain status is 'approved'",
      "Success: Domain status is 'approved'\nError: The registry is unavailable", "OK", ""];
    const stub = await startSimulator({ handle: async () => ({ status: 200, body: replies.shift() ?? "" }) });
    try {
      const at = { ...conn, url: stub.url };
      await expect(srs(at, createAttemptLog(), "pispGetApprovalStatus", { domain_name: "a.ru" })).resolves.toBe("Domain status is 'approved'");
      for (const code of ["bad_response", "bad_response", "panel_error", "bad_response", "bad_response"]) {
        await expect(srs(at, createAttemptLog(), "pispGetApprovalStatus", { domain_name: "a.ru" })).rejects.toMatchObject({ code, retryable: true });
      }
    } finally {
      await stub.close();
    }
  });

  it("syncs a rejected registration as broken and one missing from the account as missing", async () => {
    const service = makeService();
    await openToDone(webnames, context(conn, service));
    sim.state.domains[service.remoteName].status = "errsent";
    await expect(webnames.sync(context(conn, service))).resolves.toMatchObject({ state: "broken", reason: expect.stringContaining("errsent") });
    sim.state.domains[service.remoteName].owner = "other";
    await expect(webnames.sync(context(conn, service))).resolves.toMatchObject({ state: "missing" });
  });

  it("checks the connection with pispBalance and keeps the password out of the log", async () => {
    const log = createAttemptLog();
    await webnames.checkConnection(conn, log);
    expect(sim.state.calls.at(-1)?.page).toBe("pispBalance");
    expectRedacted(log, [ACCOUNT.password]);
  });

  it("validates its connection form with the public endpoint as default", () => {
    const parsed = webnames.connection.safeParse({ username: "a", password: "b" });
    expect(parsed.success && parsed.data.url).toBe("https://www.webnames.ru:81/RegTimeSRS.pl");
    expect(webnames.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });
});
