import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Done, Pending } from "../../lib/modules/contract";
import { epp } from "../../lib/modules/epp";
import type { EppConnection } from "../../lib/modules/epp/client";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { codeOf, connectionOf, domainFrame, loggedIn, makeService, plantElsewhere, REGISTRAR, TRANSFER_CODE } from "./epp-setup";
import { context, expectRedacted, moduleError } from "./kit";

/** Transfer in (RFC 5731 §3.2.4) against the strict simulator: request, pending period, approval or refusal. */

describe("epp: transfer in", () => {
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
  const transferService = (code = TRANSFER_CODE) => makeService({ params: { transfer: true }, secrets: { password: "Pw!svc+1", transferCode: code } });

  it("requests the transfer with the auth code, waits out the pending period, and takes the domain over when the other registrar approves", async () => {
    const service = transferService();
    plantElsewhere(sim, service.remoteName);
    const ctx = context(conn, service);
    const first = (await epp.open(ctx)) as Pending;
    expect(first.status).toBe("pending");
    const until = new Date(String(first.remoteTask.until));
    // The registry's pending period (5 days by default) is what the client is shown.
    expect(until.getTime() - Date.now()).toBeGreaterThan(4.9 * 86_400_000);
    expect(first.remoteTask).toMatchObject({ transfer: service.remoteName });
    expect(sim.state.domains[service.remoteName]).toMatchObject({ clID: "other-registrar", status: ["pendingTransfer"], transfer: { trStatus: "pending", reID: REGISTRAR.clID } });
    expect(calls()).toContain("domain:transfer 1001");
    // The losing registrar is told through its poll queue.
    expect(sim.state.messages.filter((m) => m.clID === "other-registrar").map((m) => m.msg)).toEqual(["Transfer requested."]);
    expectRedacted(ctx.log, [TRANSFER_CODE]);

    // Still pending: the poll reads the queue (nothing yet) and the transfer's state.
    expect(await epp.poll!(ctx, first.remoteTask)).toMatchObject({ status: "pending", remoteTask: { transfer: service.remoteName } });
    expect(sim.transfer(service.remoteName, "approve")).toBe(true);
    const done = (await epp.poll!(ctx, first.remoteTask)) as Done;
    const d = sim.state.domains[service.remoteName]!;
    expect(done).toMatchObject({ status: "done", remoteId: d.roid, details: { transfer: "completed", locked: "yes", expires_at: "2028-03-01" } });
    expect(d.clID).toBe(REGISTRAR.clID);
    expect(d.exDate.slice(0, 10)).toBe("2028-03-01");
    // Our own auth code now (the old one was known outside) and the registrar lock on.
    expect(d.authInfo).toBe(done.secrets?.authInfo);
    expect(d.authInfo).not.toBe(TRANSFER_CODE);
    expect(d.status).toEqual(["clientTransferProhibited"]);
    // The approval message was read and taken off our queue.
    expect(calls()).toContain("poll 1301");
    expect(sim.state.messages.filter((m) => m.clID === REGISTRAR.clID)).toEqual([]);
    expect(await epp.sync(context(conn, { ...service, remoteId: done.remoteId!, secrets: { ...service.secrets, ...done.secrets } }))).toMatchObject({ state: "active" });
  });

  it("the registry approves by itself at the end of the pending period (serverApproved)", async () => {
    sim.settings.transferPendingMs = 150;
    const service = transferService();
    plantElsewhere(sim, service.remoteName);
    const ctx = context(conn, service);
    const first = (await epp.open(ctx)) as Pending;
    expect(first.pollAfterMs).toBeLessThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, 200));
    const done = await epp.poll!(ctx, first.remoteTask);
    expect(done).toMatchObject({ status: "done", details: { transfer: "completed" } });
    expect(sim.state.domains[service.remoteName]!.transfer?.trStatus).toBe("serverApproved");
  });

  it("a rejected or cancelled transfer is final, and the domain stays where it was", async () => {
    for (const [action, words] of [["reject", "refused the transfer"], ["timeout", "registry cancelled"]] as const) {
      const service = transferService();
      plantElsewhere(sim, service.remoteName);
      const ctx = context(conn, service);
      const first = (await epp.open(ctx)) as Pending;
      sim.transfer(service.remoteName, action);
      const error = await moduleError(epp.poll!(ctx, first.remoteTask));
      expect(error).toMatchObject({ code: "transfer_refused", retryable: false, message: expect.stringContaining(words) });
      expect(sim.state.domains[service.remoteName]).toMatchObject({ clID: "other-registrar", status: ["ok"] });
      expect(sim.state.domains[service.remoteName]!.transfer?.trStatus).toBe(action === "reject" ? "clientRejected" : "serverCancelled");
    }
  });

  it("a registry that lets the pending period pass without an answer: a day later the transfer is cancelled and ends as transfer_timeout", async () => {
    sim.settings.transferStalls = true;
    const service = transferService();
    plantElsewhere(sim, service.remoteName);
    const ctx = context(conn, service);
    const first = (await epp.open(ctx)) as Pending;
    const t = sim.state.domains[service.remoteName]!.transfer!;
    // Within the day after acDate the module keeps waiting: the registry may still act late.
    t.acDate = new Date(Date.now() - 23 * 3_600_000).toISOString();
    expect(await epp.poll!(ctx, first.remoteTask)).toMatchObject({ status: "pending" });
    expect(t.trStatus).toBe("pending");
    t.acDate = new Date(Date.now() - 25 * 3_600_000).toISOString();
    const error = await moduleError(epp.poll!(ctx, first.remoteTask));
    expect(error).toMatchObject({ code: "transfer_timeout", retryable: false, message: expect.stringContaining("pending period ended") });
    // Our request is withdrawn at the registry, and the domain stays with its registrar.
    expect(sim.state.domains[service.remoteName]).toMatchObject({ clID: "other-registrar", status: ["ok"], transfer: { trStatus: "clientCancelled" } });
  });

  it("a wrong auth code (2202), a locked domain (2304) and an unregistered name are final with words for the client", async () => {
    const wrong = transferService("Wrong-code-1!");
    plantElsewhere(sim, wrong.remoteName);
    await expect(epp.open(context(conn, wrong))).rejects.toMatchObject({ code: "transfer_code_wrong", retryable: false, message: expect.stringContaining("auth code") });
    expect(calls()).toContain("domain:transfer 2202");
    const locked = transferService();
    plantElsewhere(sim, locked.remoteName, { status: ["clientTransferProhibited"] });
    await expect(epp.open(context(conn, locked))).rejects.toMatchObject({ code: "transfer_locked", message: expect.stringContaining("unlocks it there") });
    expect(calls()).toContain("domain:transfer 2304");
    await expect(epp.open(context(conn, transferService()))).rejects.toMatchObject({ code: "not_registered", retryable: false });
    await expect(epp.open(context(conn, makeService({ params: { transfer: true } })))).rejects.toMatchObject({ code: "transfer_code_missing" });
  });

  it("a retry after a lost answer follows its own pending transfer instead of asking again", async () => {
    const service = transferService();
    plantElsewhere(sim, service.remoteName);
    await epp.open(context(conn, service));
    const again = await epp.open(context(conn, service));
    expect(again).toMatchObject({ status: "pending", remoteTask: { transfer: service.remoteName } });
    expect(calls().filter((c) => c === "domain:transfer 1001")).toHaveLength(1);
  });

  it("the simulator keeps RFC 5731's transfer rules and RFC 5730's poll queue", async () => {
    const name = "moving-1.example";
    plantElsewhere(sim, name);
    plantElsewhere(sim, "ours-1.example", { clID: REGISTRAR.clID });
    const pw = (code: string) => `<domain:authInfo><domain:pw>${code}</domain:pw></domain:authInfo>`;
    const answers = await loggedIn(sim, [
      domainFrame("transfer", `<domain:name>${name}</domain:name>`, ` op="query"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name><domain:period unit="y">10</domain:period>${pw(TRANSFER_CODE)}`, ` op="request"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name>${pw(TRANSFER_CODE)}`, ` op="request"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name>${pw(TRANSFER_CODE)}`, ` op="request"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name>`, ` op="approve"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name>`, ` op="query"`),
      domainFrame("transfer", `<domain:name>ours-1.example</domain:name>${pw(TRANSFER_CODE)}`, ` op="request"`),
      domainFrame("update", `<domain:name>${name}</domain:name><domain:add><domain:status s="clientHold"/></domain:add>`),
      `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><poll op="req"/><clTRID>t-1</clTRID></command></epp>`,
      `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><poll op="ack" msgID="M-none"/><clTRID>t-1</clTRID></command></epp>`,
      domainFrame("transfer", `<domain:name>${name}</domain:name>`, ` op="cancel"`),
      domainFrame("transfer", `<domain:name>${name}</domain:name>`, ` op="bogus"`),
    ]);
    // query before any transfer 2301; 10 more years passes the 10-year maximum 2306; request 1001; again 2300;
    // approve by the requester 2201; query 1000 pending; a domain we sponsor 2002; update by a non-sponsor 2201;
    // no messages 1300; unknown message 2303; cancel by the requester 1000; an op outside the schema 2001.
    expect(answers.map(codeOf)).toEqual(["2301", "2306", "1001", "2300", "2201", "1000", "2002", "2201", "1300", "2303", "1000", "2001"]);
    expect(answers[2]).toContain("<domain:trStatus>pending</domain:trStatus>");
    expect(answers[5]).toMatch(/<domain:acID>other-registrar<\/domain:acID>/);
    const [poll, ack] = await loggedIn(sim, [
      `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><poll op="req"/><clTRID>t-1</clTRID></command></epp>`,
      `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><poll op="ack" msgID="${sim.state.messages.find((m) => m.clID === REGISTRAR.clID)?.id}"/><clTRID>t-1</clTRID></command></epp>`,
    ]);
    expect(codeOf(poll)).toBe("1301");
    expect(poll).toMatch(/<msgQ count="1" id="M\d+-SIM"><qDate>.*<\/qDate><msg>Transfer cancelled by the requesting registrar.<\/msg><\/msgQ>/);
    expect(poll).toContain("<domain:trStatus>clientCancelled</domain:trStatus>");
    expect(codeOf(ack)).toBe("1000");
  });
});
