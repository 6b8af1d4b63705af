import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Done } from "../../lib/modules/contract";
import { epp } from "../../lib/modules/epp";
import type { EppConnection } from "../../lib/modules/epp/client";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { connectionOf, makeService, plantForeign, plantOurs, REGISTRAR } from "./epp-setup";
import { context, expectRedacted, openToDone, runContractKit, settle } from "./kit";

runContractKit("epp", async () => {
  const sim = await startEppSimulator(REGISTRAR);
  return {
    module: epp,
    connection: connectionOf(sim),
    badConnection: { ...connectionOf(sim), password: "wrong-password" },
    makeService,
    countObjects: () => Object.keys(sim.state.domains).length,
    lastCall: () => sim.state.calls.at(-1),
    setFaults: (faults) => sim.setFaults(faults),
    objectState: (name) => {
      const domain = sim.state.domains[name];
      if (!domain || domain.clID !== REGISTRAR.clID) return "missing";
      // The registrar lock a registration sets is not a suspension.
      return domain.status.some((s) => s !== "ok" && s !== "pendingCreate" && s !== "clientTransferProhibited") ? "suspended" : "active";
    },
    deleteDirectly: (name) => {
      delete sim.state.domains[name];
    },
    plantForeign: (name) => plantForeign(sim, name),
    plantBroken: (service) => void plantOurs(sim, service, { status: ["pendingDelete"] }),
    breakDirectly: (name) => {
      sim.state.domains[name]!.status = ["pendingDelete"];
    },
    lifeCycle: "registrar",
    serverErrorCode: "epp_2500",
    close: () => sim.close(),
  };
});

describe("epp: proof before adoption, positive success", () => {
  let sim: EppSimulator;
  let conn: EppConnection;
  beforeEach(async () => {
    sim = await startEppSimulator(REGISTRAR);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });
  const calls = () => sim.state.calls.map((c) => `${c.command} ${c.code}`);

  it("never adopts a domain our account holds for another client, and leaves it untouched", async () => {
    const service = makeService();
    plantForeign(sim, service.remoteName);
    const before = structuredClone(sim.state.domains[service.remoteName]);
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", retryable: false, message: expect.stringContaining("another authInfo") });
    expect(sim.state.domains[service.remoteName]).toEqual(before);
    expect(calls()).not.toContain("domain:create 1000");
  });

  it("never adopts a domain with this service's authInfo but another registrant", async () => {
    const service = makeService();
    plantOurs(sim, service, { registrant: "intruder9" });
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "exists_foreign", message: expect.stringContaining("registrant intruder9") });
  });

  it("refuses a domain another registrar holds", async () => {
    sim.setFaults({ exists: true });
    await expect(epp.open(context(conn, makeService()))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
  });

  it("never adopts its own domain in pendingDelete: final, untouched", async () => {
    const service = makeService();
    const planted = structuredClone(plantOurs(sim, service, { status: ["pendingDelete"] }));
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "exists_broken", retryable: false, message: expect.stringContaining("pendingDelete") });
    expect(sim.state.domains[service.remoteName]).toEqual(planted);
  });

  it("after a lost create answer, the retry adopts exactly one domain by its authInfo and registrant", async () => {
    const service = makeService();
    sim.setFaults({ loseAnswer: true });
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ retryable: true });
    expect(Object.keys(sim.state.domains)).toEqual([service.remoteName]);
    const again = await openToDone(epp, context(conn, service));
    expect(again).toMatchObject({ status: "done", adopted: true, remoteId: sim.state.domains[service.remoteName]!.roid });
    expect(Object.keys(sim.state.domains)).toHaveLength(1);
    expect(calls().filter((c) => c.startsWith("domain:create"))).toHaveLength(1);
  });

  it("adopts its own domain via info when a re-create answers 2302", async () => {
    const service = makeService();
    await openToDone(epp, context(conn, service));
    sim.settings.staleCheck = true;
    sim.state.calls.length = 0;
    const again = await openToDone(epp, context(conn, service));
    expect(again).toMatchObject({ adopted: true, remoteId: sim.state.domains[service.remoteName]!.roid });
    expect(calls()).toEqual([
      "login 1000", "domain:check 1000", "contact:create 2302", "contact:info 1000",
      "host:check 1000", "host:check 1000", "domain:create 2302", "domain:info 1000", "logout 1500",
    ]);
  });

  it("a truncated answer containing code=\"1000\" is a retryable bad response, never done", async () => {
    const service = makeService();
    sim.setFaults({ ambiguous: true });
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    expect(sim.state.domains[service.remoteName]).toBeUndefined();
    sim.setFaults({ ambiguous: false });
    const opened: Done = await openToDone(epp, context(conn, service));
    sim.setFaults({ ambiguous: true });
    const stored = { ...service, remoteId: opened.remoteId!, expiresAt: opened.expiresAt! };
    await expect(epp.prolong!(context(conn, stored, { months: 12 }))).rejects.toMatchObject({ code: "bad_response", retryable: true });
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(0);
  });

  it("catches a create the registry answered but did not carry out", async () => {
    const service = makeService();
    sim.setFaults({ ignoreCreate: true });
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "not_confirmed", retryable: true });
    expect(sim.state.domains[service.remoteName]).toBeUndefined();
    await expect(openToDone(epp, context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.domains[service.remoteName]).toBeDefined();
  });

  it("later operations never touch a domain that is not ours", async () => {
    const service = makeService({ expiresAt: new Date("2027-03-01T10:00:00Z") });
    plantForeign(sim, service.remoteName);
    const before = structuredClone(sim.state.domains[service.remoteName]);
    await expect(epp.prolong!(context(conn, service, { months: 12 }))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    await expect(epp.prolong!(context(conn, { ...service, expiresAt: null }, { months: 12 }))).rejects.toMatchObject({ code: "exists_foreign" });
    expect(await epp.sync(context(conn, service))).toMatchObject({ state: "missing", reason: expect.stringContaining("not by this service") });
    await expect(epp.close(context(conn, service))).resolves.toMatchObject({ status: "done" });
    expect(sim.state.domains[service.remoteName]).toEqual(before);
    expect(calls().filter((c) => /renew|update|delete/.test(c))).toEqual([]);
  });

  it("renews and syncs a domain staff registered by hand (its name filled in on the task) without the proof", async () => {
    const service = makeService({ details: { domain: "" }, expiresAt: new Date("2027-03-01T00:00:00Z") });
    plantForeign(sim, service.remoteName);
    const byHand = { ...service, details: { domain: service.remoteName.toUpperCase() } };
    await expect(epp.prolong!(context(conn, byHand, { months: 12 }))).resolves.toMatchObject({ status: "done", details: { expires_at: "2028-03-01" } });
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(1);
    expect(await epp.sync(context(conn, byHand))).toMatchObject({ state: "active" });
    expect(await epp.sync(context(conn, service))).toMatchObject({ state: "missing" });
  });

  it("sync says missing for a lapsed domain, broken (with the status in plain words) for pendingDelete, redemption and a registry hold, suspended for our own hold", async () => {
    const service = makeService();
    const opened = await openToDone(epp, context(conn, service));
    const stored = { ...service, remoteId: opened.remoteId! };
    expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "active", details: { locked: "yes", statuses: "clientTransferProhibited", registry_status: "" } });
    const words = { pendingDelete: "about to be deleted", redemptionPeriod: "redemption period", serverHold: "on hold by the registry" };
    for (const [status, said] of Object.entries(words)) {
      sim.state.domains[service.remoteName]!.status = [status];
      expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "broken", reason: expect.stringContaining(status), details: { registry_status: expect.stringContaining(said), locked: "no" } });
    }
    // A hold the registrar set is a suspension, not a fault.
    sim.state.domains[service.remoteName]!.status = ["clientHold", "clientTransferProhibited"];
    expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "suspended", details: { registry_status: expect.stringContaining("on hold by us"), locked: "yes" } });
    sim.state.domains[service.remoteName]!.exDate = "2031-05-04T10:00:00.000Z";
    expect(await epp.sync(context(conn, stored))).toMatchObject({ expiresAt: new Date("2031-05-04T10:00:00.000Z"), details: { expires_at: "2031-05-04" } });
    delete sim.state.domains[service.remoteName];
    expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "missing", reason: expect.stringContaining("does not know") });
    // Lapsed and registered again by our account, even with this service's own marks: another roid, not ours.
    plantOurs(sim, service);
    expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "missing", reason: expect.stringContaining("registered again") });
    await expect(epp.prolong!(context(conn, { ...stored, expiresAt: new Date("2027-03-01T10:00:00Z") }, { months: 12 }))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(0);
  });

  it("answers pending on 1001 and polls with info until the create completes", async () => {
    sim.settings.pendingInfos = 3;
    const service = makeService();
    const ctx = context(conn, service);
    const first = await epp.open(ctx);
    expect(first).toMatchObject({ status: "pending", remoteTask: { domain: service.remoteName, adopted: false } });
    const task = first.status === "pending" ? first.remoteTask : {};
    expect(await epp.poll!(ctx, task)).toMatchObject({ status: "pending" });
    const done = await epp.poll!(ctx, task);
    expect(done).toMatchObject({ status: "done", remoteId: sim.state.domains[service.remoteName]!.roid });
    expect(done.status === "done" && done.adopted).toBeFalsy();
  });

  it("logs in and out on check connection, and hides the password and both authInfos", async () => {
    const log = createAttemptLog();
    await epp.checkConnection(conn, log);
    expect(calls()).toEqual(["login 1000", "logout 1500"]);
    const service = makeService();
    const ctx = context(conn, service);
    ctx.log.line("start");
    const done = await openToDone(epp, ctx);
    await epp.sync(ctx);
    expect(ctx.log.text()).toContain("<pw>***</pw>");
    const domain = sim.state.domains[service.remoteName]!;
    expect(done.secrets).toEqual({ authInfo: domain.authInfo });
    const contact = sim.state.contacts[domain.registrant]!;
    expectRedacted(ctx.log, [REGISTRAR.password, service.secrets.password, "epp-S3cret&amp;&lt;pw&gt;", domain.authInfo, contact.authInfo]);
  });

  it("checks the certificate unless told the server is a local simulator", async () => {
    const { caCert: _ca, ...untrusted } = conn;
    await expect(epp.checkConnection(untrusted, createAttemptLog())).rejects.toMatchObject({ code: "tls", retryable: false });
    await expect(epp.checkConnection({ ...untrusted, insecure: true }, createAttemptLog())).resolves.toBeUndefined();
  });

  it("leaves suspend to a person, closes by not renewing, and needs the client's city and two-letter country", async () => {
    const service = makeService();
    await openToDone(epp, context(conn, service));
    await expect(epp.suspend(context(conn, service))).rejects.toMatchObject({ code: "registry_manual", retryable: false });
    await expect(settle(epp, context(conn, service), epp.close(context(conn, service)))).resolves.toMatchObject({ details: { note: expect.stringContaining("Not renewed") } });
    expect(sim.state.domains[service.remoteName]!.status).toEqual(["clientTransferProhibited"]);
    const stateless = makeService({ client: { id: 99, name: "No Where", email: "n@example.test" } });
    await expect(epp.open(context(conn, stateless))).rejects.toMatchObject({ code: "contact_incomplete", retryable: false });
    const badCountry = makeService({ client: { ...service.client, id: 98, country: "Russia" } });
    await expect(epp.open(context(conn, badCountry))).rejects.toMatchObject({ code: "contact_incomplete" });
    expect(Object.keys(sim.state.contacts)).toHaveLength(1);
  });

  it("declares what an order needs and validates its connection form", () => {
    expect(epp.orderNeeds).toEqual(["domain", "contacts"]);
    const parsed = epp.connection.safeParse({ host: "epp.example", username: "provisio", password: "x", insecure: "false", contactPrefix: "" });
    expect(parsed.success && parsed.data).toMatchObject({ port: 700, insecure: false });
    expect(parsed.success && parsed.data.contactPrefix).toBeUndefined();
    expect(epp.connection.safeParse({ host: "h", username: "prv", password: "x", contactPrefix: "a-b" }).success).toBe(false);
    expect(epp.connection.safeParse({ host: "h", username: "p1", password: "x", insecure: "true" }).data?.insecure).toBeUndefined();
    expect(epp.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });
});
