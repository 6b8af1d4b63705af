import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Done, ServiceInfo } from "../../lib/modules/contract";
import { epp } from "../../lib/modules/epp";
import type { EppConnection } from "../../lib/modules/epp/client";
import { contactHandle } from "../../lib/modules/epp/ids";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { codeOf, command, connectionOf, domainFrame, loggedIn, makeService, REGISTRAR } from "./epp-setup";
import { context, expectRedacted, openToDone } from "./kit";

/** Managing a registered domain (RFC 5731 update and renew, RFC 5732 hosts, RFC 5733 contacts) against the strict simulator. */

describe("epp: manage after purchase", () => {
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
  /** A registered service as the engine passes it after open: remote id, details and secrets merged. */
  async function registered(overrides: Partial<ServiceInfo> = {}): Promise<ServiceInfo> {
    const service = makeService(overrides);
    const done = await openToDone(epp, context(conn, service));
    return { ...service, remoteId: done.remoteId!, details: done.details ?? {}, secrets: { ...service.secrets, ...done.secrets }, expiresAt: done.expiresAt ?? null };
  }
  const manage = (service: ServiceInfo, params: Record<string, unknown>) => epp.manage!(context(conn, service, params)) as Promise<Done>;

  it("changes name servers: external hosts are created without addresses, the domain's own with glue, and the old ones removed", async () => {
    const service = await registered();
    const name = service.remoteName;
    const done = await manage(service, { action: "nameservers", nameservers: ["ns1.new.test", `ns1.${name} 192.0.2.10, 2001:db8::10`] });
    expect(done.details).toEqual({ nameservers: `ns1.new.test, ns1.${name}` });
    expect(sim.state.domains[name]!.ns).toEqual(["ns1.new.test", `ns1.${name}`]);
    expect(sim.state.hosts["ns1.new.test"]!.addrs).toEqual([]);
    expect(sim.state.hosts[`ns1.${name}`]).toMatchObject({ addrs: ["192.0.2.10", "2001:db8::10"], superordinate: name });
    expect(calls()).toContain("host:info 2303");

    // A new address for the domain's own host: host:info sees it, host:update moves the glue.
    await manage(service, { action: "nameservers", nameservers: ["ns1.new.test", `ns1.${name}=192.0.2.11`] });
    expect(sim.state.hosts[`ns1.${name}`]!.addrs).toEqual(["192.0.2.11"]);
    expect(calls()).toContain("host:update 1000");

    // The same list again sends no update.
    const before = calls().filter((c) => c.startsWith("domain:update")).length;
    await manage(service, { action: "nameservers", nameservers: ["ns1.new.test", `ns1.${name} 192.0.2.11`] });
    expect(calls().filter((c) => c.startsWith("domain:update")).length).toBe(before);
  });

  it("refuses before sending anything: a host under the domain without its address, an address on an external host, a bad host name", async () => {
    const service = await registered();
    const sent = sim.state.calls.length;
    await expect(manage(service, { action: "nameservers", nameservers: [`ns1.${service.remoteName}`] })).rejects.toMatchObject({ code: "glue_missing", retryable: false });
    await expect(manage(service, { action: "nameservers", nameservers: ["ns1.new.test 192.0.2.1"] })).rejects.toMatchObject({ code: "glue_external" });
    await expect(manage(service, { action: "nameservers", nameservers: ["not a host"] })).rejects.toMatchObject({ code: "invalid_nameserver" });
    await expect(manage(service, { action: "nameservers", nameservers: [] })).rejects.toMatchObject({ code: "invalid_nameserver" });
    expect(sim.state.calls.length).toBe(sent);
  });

  it("a registry without host objects takes the name servers as host attributes with their glue", async () => {
    sim.settings.hostObjects = false;
    const service = await registered();
    await manage(service, { action: "nameservers", nameservers: [`ns1.${service.remoteName} 192.0.2.7`, "ns9.new.test"] });
    expect(sim.state.domains[service.remoteName]).toMatchObject({ ns: [`ns1.${service.remoteName}`, "ns9.new.test"], glue: { [`ns1.${service.remoteName}`]: ["192.0.2.7"], "ns9.new.test": [] } });
    expect(Object.keys(sim.state.hosts)).toEqual([]);
  });

  it("the registrar lock is on after registration, switches off and on, and blocks transfers while on", async () => {
    const service = await registered();
    const d = () => sim.state.domains[service.remoteName]!;
    expect(d().status).toEqual(["clientTransferProhibited"]);
    expect(await manage(service, { action: "lock", locked: false })).toMatchObject({ details: { locked: "no" } });
    expect(d().status).toEqual(["ok"]);
    // Idempotent: unlocking an unlocked domain sends no update.
    const updates = () => calls().filter((c) => c.startsWith("domain:update")).length;
    const before = updates();
    await manage(service, { action: "lock", locked: false });
    expect(updates()).toBe(before);
    expect(await manage(service, { action: "lock", locked: true })).toMatchObject({ details: { locked: "yes" } });
    expect(d().status).toEqual(["clientTransferProhibited"]);
  });

  it("a new auth code replaces the old one at the registry and in the service's secrets, never in the log", async () => {
    const service = await registered();
    const old = service.secrets.authInfo!;
    const ctx = context(conn, service, { action: "authcode" });
    const done = (await epp.manage!(ctx)) as Done;
    const fresh = done.secrets!.authInfo!;
    expect(fresh).not.toBe(old);
    expect(sim.state.domains[service.remoteName]!.authInfo).toBe(fresh);
    expect(fresh).toMatch(/^.{8,32}$/);
    expectRedacted(ctx.log, [fresh, old]);
    // The service with its new secret still proves the domain is its own.
    expect(await epp.sync(context(conn, { ...service, secrets: { ...service.secrets, authInfo: fresh } }))).toMatchObject({ state: "active" });
  });

  it("updates the registrant contact from the client's profile (contact:update), loc for non-ASCII", async () => {
    const service = await registered();
    const handle = contactHandle(conn, service.client.id);
    const moved = { ...service, client: { ...service.client, name: "Анна Петрова", city: "Казань", address: "Баумана 5", email: "anna@new.test", phone: null } };
    expect(await manage(moved, { action: "contact" })).toMatchObject({ details: { registrant: handle } });
    expect(sim.state.contacts[handle]).toMatchObject({ name: "Анна Петрова", city: "Казань", street: "Баумана 5", email: "anna@new.test", postalType: "loc" });
    expect(sim.state.contacts[handle]!.voice).toBeUndefined();
    expect(calls()).toContain("contact:update 1000");
  });

  it("renews for several years at once, and refuses past the registry's ten years before sending anything", async () => {
    const service = await registered();
    const exDate = new Date(sim.state.domains[service.remoteName]!.exDate);
    const done = (await epp.prolong!(context(conn, service, { months: 36 }))) as Done;
    const expected = new Date(exDate);
    expected.setUTCFullYear(expected.getUTCFullYear() + 3);
    expect(done.details?.expires_at).toBe(expected.toISOString().slice(0, 10));
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(1);
    const renewed = { ...service, expiresAt: done.expiresAt! };
    await expect(epp.prolong!(context(conn, renewed, { months: 84 }))).rejects.toMatchObject({ code: "max_years", retryable: false, message: expect.stringContaining("10 years") });
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(1);
  });

  it("refuses changes while the domain is being transferred or deleted, in plain words", async () => {
    const service = await registered();
    sim.state.domains[service.remoteName]!.status = ["pendingTransfer"];
    await expect(manage(service, { action: "lock", locked: false })).rejects.toMatchObject({ code: "status_prohibits", message: expect.stringContaining("is being transferred") });
    sim.state.domains[service.remoteName]!.status = ["pendingDelete"];
    await expect(manage(service, { action: "authcode" })).rejects.toMatchObject({ code: "status_prohibits", message: expect.stringContaining("is being deleted") });
  });

  it("the simulator keeps RFC 5731's update, renew and status rules", async () => {
    const service = await registered();
    const name = service.remoteName;
    const exDay = sim.state.domains[name]!.exDate.slice(0, 10);
    const update = (inner: string) => domainFrame("update", `<domain:name>${name}</domain:name>${inner}`);
    const status = (s: string) => `<domain:status s="${s}"/>`;
    const answers = await loggedIn(sim, [
      update(`<domain:add>${status("serverHold")}</domain:add>`),
      update(`<domain:add>${status("clientHold")}</domain:add><domain:rem>${status("clientHold")}</domain:rem>`),
      update(`<domain:add>${status("clientTransferProhibited")}</domain:add>`),
      update(`<domain:rem>${status("clientHold")}</domain:rem>`),
      update(`<domain:add>${status("clientUpdateProhibited")}</domain:add>`),
      update(`<domain:chg><domain:authInfo><domain:pw>weak</domain:pw></domain:authInfo></domain:chg>`),
      update(`<domain:rem>${status("clientUpdateProhibited")}</domain:rem>`),
      update(`<domain:chg><domain:authInfo><domain:pw>weak</domain:pw></domain:authInfo></domain:chg>`),
      domainFrame("renew", `<domain:name>${name}</domain:name><domain:curExpDate>2001-01-01</domain:curExpDate><domain:period unit="y">1</domain:period>`),
      domainFrame("renew", `<domain:name>${name}</domain:name><domain:curExpDate>${exDay}</domain:curExpDate><domain:period unit="y">10</domain:period>`),
      domainFrame("renew", `<domain:name>${name}</domain:name><domain:curExpDate>${exDay}</domain:curExpDate><domain:period unit="y">11</domain:period>`),
      command(`<update><host:update xmlns:host="urn:ietf:params:xml:ns:host-1.0"><host:name>ns1.host.test</host:name><host:add><host:addr ip="v4">192.0.2.1</host:addr></host:add></host:update></update>`),
    ]);
    // serverHold is the registry's 2306; add and rem of one status 2306; already set 2306; not set 2306; lock against
    // updates 1000, then any other update 2304, removing the lock 1000; a weak authInfo 2306; a wrong curExpDate 2306;
    // nine more years past ten ahead 2306; a period outside 1-10 2004; glue on an external host 2004.
    expect(answers.map(codeOf)).toEqual(["2306", "2306", "2306", "2306", "1000", "2304", "1000", "2306", "2306", "2306", "2004", "2004"]);
  });
});

