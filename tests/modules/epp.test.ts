import { connect } from "node:tls";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Done } from "../../lib/modules/contract";
import { epp } from "../../lib/modules/epp";
import type { EppConnection } from "../../lib/modules/epp/client";
import { encodeFrame, FrameReader } from "../../lib/modules/epp/frame";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { context, expectRedacted, openToDone, runContractKit, serviceFactory } from "./kit";

const REGISTRAR = { clID: "provisio", password: "epp-S3cret&<pw>" };
const makeService = serviceFactory(4000, (id) => ({ productType: "domain", remoteName: `shop-${id}.example`, params: { nameservers: ["ns1.host.test", "ns2.host.test"] }, months: 12, client: { id: id % 7, name: "Ann & Co <Client>", email: "ann@example.test", phone: "+7.9001234567", country: "ru", city: "Moscow", address: "Tverskaya 1" } }));

const connectionOf = (sim: EppSimulator): EppConnection => ({
  host: sim.host, port: sim.eppPort, username: REGISTRAR.clID, password: REGISTRAR.password, caCert: sim.testCert,
});

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
      return domain.status.includes("serverHold") ? "suspended" : "active";
    },
    suspendDirectly: (name) => {
      sim.state.domains[name].status = ["serverHold"];
    },
    deleteDirectly: (name) => {
      delete sim.state.domains[name];
    },
    lifeCycle: "registrar",
    serverErrorCode: "epp_2500",
    close: () => sim.close(),
  };
});

describe("epp: framing", () => {
  it("prefixes each frame with a big-endian length that counts its own 4 bytes", () => {
    const frame = encodeFrame("<epp/>é");
    expect(frame.readUInt32BE(0)).toBe(frame.length);
    expect(frame.length).toBe(4 + Buffer.byteLength("<epp/>é"));
    const reader = new FrameReader();
    const two = Buffer.concat([frame, encodeFrame("<b/>")]);
    const got: string[] = [];
    for (const byte of two) got.push(...reader.push(Buffer.from([byte])));
    expect(got).toEqual(["<epp/>é", "<b/>"]);
    expect(() => new FrameReader().push(Buffer.from([0, 0, 0, 4]))).toThrow(/frame length/);
  });
});

describe("epp: registry specifics", () => {
  let sim: EppSimulator;
  let conn: EppConnection;
  beforeEach(async () => {
    sim = await startEppSimulator(REGISTRAR);
    conn = connectionOf(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  /** Sends frames over a raw TLS connection and returns the raw answers, greeting first. */
  async function raw(frames: string[]): Promise<Buffer[]> {
    const socket = connect({ host: sim.host, port: sim.eppPort, ca: sim.testCert });
    const answers: Buffer[] = [];
    let pending = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= pending.readUInt32BE(0)) {
          answers.push(pending.subarray(0, pending.readUInt32BE(0)));
          pending = pending.subarray(pending.readUInt32BE(0));
          const next = frames[answers.length - 1];
          if (next === undefined) {
            socket.destroy();
            resolve(answers);
          } else socket.write(encodeFrame(next));
        }
      });
    });
  }

  const command = (inner: string) => `<?xml version="1.0"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command>${inner}<clTRID>t-1</clTRID></command></epp>`;

  it("greets on connect, then wants a login before anything else", async () => {
    const login = (pw: string) => command(`<login><clID>provisio</clID><pw>${pw.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pw></login>`);
    const [greeting, early, refused, ok] = await raw([command("<logout/>"), login("nope"), login(REGISTRAR.password)]);
    expect(greeting.readUInt32BE(0)).toBe(greeting.length);
    expect(greeting.subarray(4).toString()).toContain("<greeting><svID>");
    expect(early.toString()).toContain('<result code="2002">');
    expect(refused.toString()).toContain('<result code="2200">');
    expect(ok.toString()).toMatch(/<result code="1000">.*<clTRID>t-1<\/clTRID><svTRID>SIM-\d+<\/svTRID>/);
  });

  it("logs in and out on check connection, and hides the password and authInfo", async () => {
    const log = createAttemptLog();
    await epp.checkConnection(conn, log);
    expect(sim.state.calls.map((c) => [c.command, c.code])).toEqual([["login", 1000], ["logout", 1500]]);
    const service = makeService();
    const ctx = context(conn, service);
    ctx.log.line("start");
    await openToDone(epp, ctx);
    await epp.sync(ctx);
    expect(ctx.log.text()).toContain("<pw>***</pw>");
    expectRedacted(ctx.log, [REGISTRAR.password, service.secrets.password, "epp-S3cret&amp;&lt;pw&gt;"]);
  });

  it("creates with period in years, name servers, the client's contact and the authInfo", async () => {
    const service = makeService({ months: 24 });
    const result = await openToDone(epp, context(conn, service));
    const domain = sim.state.domains[service.remoteName];
    expect(domain).toMatchObject({ clID: "provisio", ns: ["ns1.host.test", "ns2.host.test"], registrant: `pvc${service.client.id}`, authInfo: service.secrets.password });
    expect(domain.contacts).toEqual({ admin: `pvc${service.client.id}`, tech: `pvc${service.client.id}`, billing: `pvc${service.client.id}` });
    expect(sim.state.contacts[`pvc${service.client.id}`]).toMatchObject({ name: "Ann & Co <Client>", cc: "RU" });
    expect(new Date(domain.exDate).getUTCFullYear() - new Date(domain.crDate).getUTCFullYear()).toBe(2);
    expect(result).toMatchObject({ remoteId: service.remoteName, expiresAt: new Date(domain.exDate), details: { expires_at: domain.exDate.slice(0, 10), nameservers: "ns1.host.test, ns2.host.test" } });
  });

  it("adopts its own domain via info when a re-create answers 2302", async () => {
    const service = makeService();
    await openToDone(epp, context(conn, service));
    sim.settings.staleCheck = true;
    sim.state.calls.length = 0;
    const again = await openToDone(epp, context(conn, service));
    expect(again).toMatchObject({ adopted: true, remoteId: service.remoteName });
    expect(sim.state.calls.map((c) => `${c.command} ${c.code}`)).toEqual([
      "login 1000", "domain:check 1000", "contact:create 2302", "contact:info 1000", "domain:create 2302", "domain:info 1000", "logout 1500",
    ]);
  });

  it("refuses a domain another registrar holds", async () => {
    sim.setFaults({ exists: true });
    await expect(epp.open(context(conn, makeService()))).rejects.toMatchObject({ code: "exists_foreign", retryable: false });
  });

  it("renews with the stored expiry as curExpDate, and a repeated renew does not renew twice", async () => {
    const service = makeService();
    const opened: Done = await openToDone(epp, context(conn, service));
    const stored = { ...service, expiresAt: opened.expiresAt! };
    const first = await epp.prolong!(context(conn, stored, { months: 12 }));
    const domain = sim.state.domains[service.remoteName];
    expect(domain.renewals).toBe(1);
    expect(first).toMatchObject({ status: "done", expiresAt: new Date(domain.exDate) });
    const renew = sim.state.calls.find((c) => c.command === "domain:renew");
    expect(renew?.code).toBe(1000);

    // The billing lost the first answer: the retry still sends the old expiry.
    const repeat = await epp.prolong!(context(conn, stored, { months: 12 }));
    expect(sim.state.domains[service.remoteName].renewals).toBe(1);
    expect(repeat).toMatchObject({ status: "done", adopted: true, expiresAt: new Date(domain.exDate) });
    expect(sim.state.calls.filter((c) => c.command === "domain:renew").map((c) => c.code)).toEqual([1000, 2306]);

    const wrong = { ...service, expiresAt: new Date("2001-01-01T00:00:00Z") };
    await expect(epp.prolong!(context(conn, wrong))).rejects.toMatchObject({ code: "policy", retryable: false });
  });

  it("answers pending on 1001 and polls with info until the create completes", async () => {
    sim.settings.pendingInfos = 2;
    const service = makeService();
    const ctx = context(conn, service);
    const first = await epp.open(ctx);
    expect(first).toMatchObject({ status: "pending", remoteTask: { domain: service.remoteName, adopted: false } });
    const task = first.status === "pending" ? first.remoteTask : {};
    expect(await epp.poll!(ctx, task)).toMatchObject({ status: "pending" });
    const done = await epp.poll!(ctx, task);
    expect(done).toMatchObject({ status: "done", remoteId: service.remoteName });
    expect(done.status === "done" && done.adopted).toBeFalsy();
  });

  it("leaves suspend to a person, closes by not renewing, and needs the client's country", async () => {
    const service = makeService();
    await openToDone(epp, context(conn, service));
    await expect(epp.suspend(context(conn, service))).rejects.toMatchObject({ code: "registry_manual", retryable: false });
    await expect(epp.close(context(conn, service))).resolves.toMatchObject({ details: { note: expect.stringContaining("Not renewed") } });
    const stateless = makeService({ client: { id: 99, name: "No Where", email: "n@example.test" } });
    await expect(epp.open(context(conn, stateless))).rejects.toMatchObject({ code: "contact_incomplete", retryable: false });
  });

  it("checks the certificate unless told the server is a local simulator", async () => {
    const { caCert: _ca, ...untrusted } = conn;
    await expect(epp.checkConnection(untrusted, createAttemptLog())).rejects.toMatchObject({ code: "tls", retryable: false });
    await expect(epp.checkConnection({ ...untrusted, insecure: true }, createAttemptLog())).resolves.toBeUndefined();
  });

  it("validates its connection form", () => {
    const parsed = epp.connection.safeParse({ host: "epp.example", username: "provisio", password: "x", insecure: "false" });
    expect(parsed.success && parsed.data).toMatchObject({ port: 700, insecure: false });
    expect(epp.connection.safeParse({ host: "h", username: "p1", password: "x", insecure: "true" }).data?.insecure).toBeUndefined();
    expect(epp.connection.safeParse({ host: "h", username: "prv", password: "x", insecure: "true" }).data?.insecure).toBe(true);
    expect(epp.connectionFields.filter((f) => f.secret).map((f) => f.key)).toEqual(["password"]);
  });

  it("is steered over the control port", async () => {
    await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ failNext: 1 }) });
    await expect(epp.checkConnection(conn, createAttemptLog())).rejects.toMatchObject({ code: "epp_2400", retryable: true });
    await openToDone(epp, context(conn, makeService()));
    const state = await (await fetch(`${sim.url}/__sim/state`)).json();
    expect(state.state.domains).toHaveLength(1);
    expect(JSON.stringify(state)).not.toContain("authInfo");
  });
});
