import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import type { Done } from "../../lib/modules/contract";
import { epp } from "../../lib/modules/epp";
import { replyError, type EppConnection } from "../../lib/modules/epp/client";
import { eppPhone } from "../../lib/modules/epp/contact";
import { addYears, ymd } from "../../lib/modules/epp/dates";
import { encodeFrame, FrameReader } from "../../lib/modules/epp/frame";
import { contactHandle, domainAuthInfo } from "../../lib/modules/epp/ids";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { CONTACT_NS, DOMAIN_NS, EPP_NS, HOST_NS, parseXml, textIn } from "../../lib/modules/epp/xml";
import { codeOf, command, connectionOf, loginFrame, makeService, plantOurs, raw, REGISTRAR } from "./epp-setup";
import { context, openToDone } from "./kit";

const reply = (code: number, reasons: string[] = []) => ({ code, msg: "m", reasons, response: parseXml("<r/>") });

describe("epp: wire format", () => {
  it("prefixes each frame with a big-endian length that counts its own 4 bytes", () => {
    const frame = encodeFrame("<epp/>é");
    expect(frame.readUInt32BE(0)).toBe(frame.length);
    expect(frame.length).toBe(4 + Buffer.byteLength("<epp/>é"));
    const reader = new FrameReader();
    const got: string[] = [];
    for (const byte of Buffer.concat([frame, encodeFrame("<b/>")])) got.push(...reader.push(Buffer.from([byte])));
    expect(got).toEqual(["<epp/>é", "<b/>"]);
    expect(() => new FrameReader().push(Buffer.from([0, 0, 0, 4]))).toThrow(/frame length/);
  });

  it("parses by namespace, whatever the prefix or default namespace, and refuses what is not well-formed", () => {
    const renData = `<epp xmlns="${EPP_NS}"><response><resData><renData xmlns="${DOMAIN_NS}"><name>a.example</name><exDate>2027-01-01T00:00:00Z</exDate></renData></resData></response></epp>`;
    expect(textIn(parseXml(renData), DOMAIN_NS, "exDate")).toBe("2027-01-01T00:00:00Z");
    const prefixed = `<e:epp xmlns:e="${EPP_NS}" xmlns:d="${DOMAIN_NS}"><e:response><d:name>x&amp;y&#x41;<![CDATA[<z>]]></d:name></e:response></e:epp>`;
    expect(textIn(parseXml(prefixed), DOMAIN_NS, "name")).toBe("x&yA<z>");
    expect(textIn(parseXml(prefixed), EPP_NS, "name")).toBeUndefined();
    const ok = `<epp xmlns="${EPP_NS}"><response><result code="1000"><msg>ok</msg></result></response></epp>`;
    for (const bad of [ok.slice(0, -6), ok.replace("</msg>", "</msq>"), ok.replace("<msg>", "<x:msg>").replace("</msg>", "</x:msg>"), ok.replace("ok", "a & b"), `<!DOCTYPE x>${ok}`, `${ok}<epp/>`, `<a b="1"c="2"/>`]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });

  it("classifies result codes: 24xx/25xx retryable except 2501; reasons carried into the message", () => {
    expect(replyError(reply(2501), "login")).toMatchObject({ code: "auth", retryable: false });
    expect(replyError(reply(2201), "renew")).toMatchObject({ code: "not_authorized", retryable: false });
    expect(replyError(reply(2500), "x")).toMatchObject({ code: "epp_2500", retryable: true });
    expect(replyError(reply(2502), "x")).toMatchObject({ retryable: true });
    expect(replyError(reply(2400), "x")).toMatchObject({ retryable: true });
    expect(replyError(reply(1500), "create")).toMatchObject({ code: "bad_response", retryable: true });
    for (const code of [2001, 2004, 2104, 2105, 2201, 2202, 2303, 2304, 2305, 2306, 2307, 2308]) expect(replyError(reply(code), "x").retryable).toBe(false);
    expect(replyError(reply(2306, ["Reserved name"]), "create").message).toBe("EPP create: 2306 m (Reserved name)");
  });

  it("adds years by the registry's rule and sells whole years only", () => {
    expect(ymd(addYears(new Date("2024-02-29T12:00:00Z"), 1))).toBe("2025-02-28");
    expect(ymd(addYears(new Date("2024-02-29T12:00:00Z"), 4))).toBe("2028-02-29");
    expect(ymd(addYears(new Date("2025-03-01T00:00:00Z"), 2))).toBe("2027-03-01");
  });

  it("writes phones as +CC.NUMBER", () => {
    expect(eppPhone("+7 900 123-45-67", "RU")).toBe("+7.9001234567");
    expect(eppPhone("8 (900) 123-45-67", "RU")).toBe("+7.9001234567");
    expect(eppPhone("+1.2025550123", "US")).toBe("+1.2025550123");
    expect(eppPhone("12", "RU")).toBeUndefined();
  });
});

describe("epp: registry rules", () => {
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
  const logged = (frames: string[]) => raw(sim, [loginFrame(REGISTRAR.password, [DOMAIN_NS, CONTACT_NS, HOST_NS]), ...frames]);

  it("greets on connect, wants a login first, and refuses an objURI the greeting did not offer (2307)", async () => {
    const [greeting, early, refused, ok] = await raw(sim, [command("<logout/>"), loginFrame("nope-wrong", [DOMAIN_NS]), loginFrame(REGISTRAR.password, [DOMAIN_NS])]);
    expect(greeting).toContain(`<objURI>${HOST_NS}</objURI>`);
    expect([codeOf(early), codeOf(refused), codeOf(ok)]).toEqual(["2002", "2200", "1000"]);
    expect(ok).toMatch(/<clTRID>t-1<\/clTRID><svTRID>SIM-\d+<\/svTRID>/);
    sim.settings.hostObjects = false;
    const [plain, unoffered] = await raw(sim, [loginFrame(REGISTRAR.password, [DOMAIN_NS, HOST_NS])]);
    expect(plain).not.toContain(HOST_NS);
    expect(codeOf(unoffered)).toBe("2307");
  });

  it("logs in only with what the greeting offers, and uses host attributes with glue where there are no host objects", async () => {
    sim.settings.hostObjects = false;
    const service = makeService();
    const name = service.remoteName;
    const withGlue = { ...service, params: { nameservers: [`ns1.${name} 192.0.2.1, 2001:db8::1`, "ns2.host.test"] } };
    const done = await openToDone(epp, context(conn, withGlue));
    expect(calls()[0]).toBe("login 1000");
    expect(calls().some((c) => c.startsWith("host:"))).toBe(false);
    expect(sim.state.domains[name]).toMatchObject({ ns: [`ns1.${name}`, "ns2.host.test"], glue: { [`ns1.${name}`]: ["192.0.2.1", "2001:db8::1"], "ns2.host.test": [] } });
    expect(done.details?.nameservers).toBe(`ns1.${name}, ns2.host.test`);
  });

  it("creates host objects before the domain, and in-bailiwick hosts with glue after it, then adds them", async () => {
    const service = makeService();
    const name = service.remoteName;
    const ctx = context(conn, { ...service, params: { nameservers: [`ns1.${name}=192.0.2.1`, "ns2.host.test"] } });
    const done = await openToDone(epp, ctx);
    expect(calls().filter((c) => !c.startsWith("log") && !c.startsWith("contact"))).toEqual([
      "domain:check 1000", "host:check 1000", "host:create 1000", "domain:create 1000", "domain:info 1000",
      "host:check 1000", "host:create 1000", "domain:update 1000", "domain:update 1000",
    ]);
    expect(sim.state.domains[name]!.status).toEqual(["clientTransferProhibited"]);
    expect(sim.state.hosts[`ns1.${name}`]).toMatchObject({ addrs: ["192.0.2.1"], superordinate: name });
    expect(sim.state.hosts["ns2.host.test"]).toMatchObject({ addrs: [] });
    expect(sim.state.domains[name]!.ns).toEqual(["ns2.host.test", `ns1.${name}`]);
    expect(done.details?.nameservers).toBe(`ns2.host.test, ns1.${name}`);
    const noGlue = makeService({ params: { nameservers: ["ns1.other-1.example"] } });
    // Without its address, a host under the domain is left out of the registration and comes back as a change for a person.
    const lenient = await openToDone(epp, context(conn, { ...noGlue, params: { nameservers: [`ns1.${noGlue.remoteName}`, "ns2.host.test"] } }));
    expect(sim.state.domains[noGlue.remoteName]!.ns).toEqual(["ns2.host.test"]);
    expect(sim.state.hosts[`ns1.${noGlue.remoteName}`]).toBeUndefined();
    expect(lenient.details?.nameservers_waiting).toBe(`ns1.${noGlue.remoteName}`);
    expect(lenient.followUp).toEqual({ kind: "manage", params: { action: "nameservers", nameservers: [`ns1.${noGlue.remoteName}`, "ns2.host.test"] } });
    await expect(epp.manage!(context(conn, lenient.remoteId ? { ...noGlue, remoteId: lenient.remoteId } : noGlue, lenient.followUp!.params))).rejects.toMatchObject({ code: "glue_missing", retryable: false });
    await expect(epp.open(context(conn, { ...noGlue, params: { nameservers: ["ns1.host.test 192.0.2.9"] } }))).rejects.toMatchObject({ code: "glue_external", retryable: false });
  });

  it("the simulator keeps the host and domain rules", async () => {
    const host = (inner: string) => command(`<create><host:create xmlns:host="${HOST_NS}">${inner}</host:create></create>`);
    const answers = await logged([
      host("<host:name>ns1.nowhere.example</host:name><host:addr ip=\"v4\">192.0.2.1</host:addr>"),
      host("<host:name>ns9.outside.test</host:name><host:addr ip=\"v4\">192.0.2.1</host:addr>"),
      command(`<create><domain:create xmlns:domain="${DOMAIN_NS}"><domain:name>a-1.example</domain:name><domain:ns><domain:hostObj>ns5.missing.test</domain:hostObj></domain:ns><domain:registrant>nobody1</domain:registrant><domain:authInfo><domain:pw>a</domain:pw></domain:authInfo></domain:create></create>`),
    ]);
    expect(answers.slice(2).map(codeOf)).toEqual(["2303", "2004", "2303"]);
    expect(answers[2]).toContain("<reason>Superordinate domain nowhere.example does not exist</reason>");
  });

  it("sends non-ASCII contacts as postalInfo loc; the registry refuses them as int (2005)", async () => {
    const service = makeService({ client: { id: 5, name: "Анна Иванова", email: "anna@example.test", phone: "+7 900 123-45-67", country: "RU", city: "Москва", address: "Тверская 1" } });
    await openToDone(epp, context(conn, service));
    const handle = contactHandle(conn, 5);
    expect(sim.state.contacts[handle]).toMatchObject({ postalType: "loc", name: "Анна Иванова", city: "Москва", voice: "+7.9001234567", cc: "RU" });
    expect(sim.state.contacts[contactHandle(conn, 5)]).toBeDefined();
    const contact = (type: string) =>
      command(`<create><contact:create xmlns:contact="${CONTACT_NS}"><contact:id>raw${type}1</contact:id><contact:postalInfo type="${type}"><contact:name>Анна</contact:name><contact:addr><contact:city>Москва</contact:city><contact:cc>RU</contact:cc></contact:addr></contact:postalInfo><contact:email>a@b.test</contact:email><contact:authInfo><contact:pw>Pw-1234!</contact:pw></contact:authInfo></contact:create></create>`);
    const answers = await logged([contact("int"), contact("loc")]);
    expect(answers.slice(2).map(codeOf)).toEqual(["2005", "1000"]);
    expect(answers[2]).toContain("postalInfo int must be 7-bit ASCII");
  });

  it("derives contact handles no other installation shares, and reuses one only with proof", async () => {
    const handle = contactHandle(conn, 1234);
    expect(handle).toMatch(/^pv[0-9a-z]{6}ya$/);
    expect(handle).not.toBe(contactHandle({ ...conn, username: "other" }, 1234));
    expect(contactHandle({ ...conn, contactPrefix: "AbC9" }, 1234)).toBe("abc9ya");
    const first = makeService();
    const second = makeService({ client: first.client });
    await openToDone(epp, context(conn, first));
    await openToDone(epp, context(conn, second));
    expect(sim.state.domains[second.remoteName]!.registrant).toBe(contactHandle(conn, first.client.id));
    expect(calls()).toContain("contact:info 1000");
    const third = makeService({ client: { ...first.client, id: 6 } });
    sim.state.contacts[contactHandle(conn, 6)] = { id: contactHandle(conn, 6), roid: "C-x", clID: "other-registrar", postalType: "int", name: "X", city: "Y", cc: "US", email: "x@y.test", authInfo: "Zz-12345!" };
    await expect(epp.open(context(conn, third))).rejects.toMatchObject({ code: "contact_foreign", retryable: false });
    expect(sim.state.domains[third.remoteName]).toBeUndefined();
  });

  it("sets an authInfo with a letter, a digit and a special character; the policy mode refuses weaker ones", async () => {
    const service = makeService();
    const authInfo = domainAuthInfo(service);
    expect(authInfo).toMatch(/^(?=.*[a-z])(?=.*\d)(?=.*[^a-z\d]).{8,32}$/i);
    expect(domainAuthInfo(service)).toBe(authInfo);
    expect(domainAuthInfo(makeService())).not.toBe(authInfo);
    await openToDone(epp, context(conn, service));
    expect(sim.state.domains[service.remoteName]!.authInfo).toBe(authInfo);
    const weak = plantOurs(sim, makeService()).registrant;
    const create = (pw: string, name: string) =>
      command(`<create><domain:create xmlns:domain="${DOMAIN_NS}"><domain:name>${name}</domain:name><domain:registrant>${weak}</domain:registrant><domain:authInfo><domain:pw>${pw}</domain:pw></domain:authInfo></domain:create></create>`);
    const answers = await logged([create("password1", "weak-1.example"), create("Str0ng!pw", "strong-1.example")]);
    expect(answers.slice(2).map(codeOf)).toEqual(["2306", "1000"]);
    sim.settings.authInfoPolicy = false;
    expect((await logged([create("password1", "weak-2.example")]).then((a) => a.slice(2).map(codeOf)))).toEqual(["1000"]);
  });

  it("a reserved name is final at once, with the registry's reason, and nothing is created", async () => {
    const service = makeService();
    sim.settings.reserved[service.remoteName] = "Reserved by registry policy";
    await expect(epp.open(context(conn, service))).rejects.toMatchObject({ code: "unavailable", retryable: false, message: expect.stringContaining("Reserved by registry policy") });
    expect(calls().filter((c) => !c.startsWith("log"))).toEqual(["domain:check 1000", "domain:info 2303"]);
  });

  it("2501 (account locked) is final; the simulator locks after failed logins", async () => {
    for (let i = 0; i < 3; i++) await expect(epp.checkConnection({ ...conn, password: "bad-password" }, createAttemptLog())).rejects.toMatchObject({ code: "auth", retryable: false });
    await expect(epp.checkConnection(conn, createAttemptLog())).rejects.toMatchObject({ code: "auth", retryable: false, message: expect.stringContaining("2501 Authentication error; server closing connection (Account locked") });
  });

  it("renews with the stored expiry as curExpDate, and a repeated renew does not renew twice", async () => {
    const service = makeService();
    const opened: Done = await openToDone(epp, context(conn, service));
    const stored = { ...service, remoteId: opened.remoteId!, expiresAt: opened.expiresAt! };
    const first = await epp.prolong!(context(conn, stored, { months: 12 }));
    const domain = sim.state.domains[service.remoteName]!;
    expect(domain.renewals).toBe(1);
    expect(first).toMatchObject({ status: "done", expiresAt: new Date(domain.exDate) });
    const repeat = await epp.prolong!(context(conn, stored, { months: 12 }));
    expect(domain.renewals).toBe(1);
    expect(repeat).toMatchObject({ status: "done", adopted: true, expiresAt: new Date(domain.exDate) });
    // A retry of the same paid renewal carries the expiry it extends, even if the service moved on meanwhile.
    const later = { ...stored, expiresAt: new Date(domain.exDate) };
    expect(await epp.prolong!(context(conn, later, { months: 12, forExpiry: opened.expiresAt!.toISOString() }))).toMatchObject({ adopted: true });
    expect(domain.renewals).toBe(1);
    const wrong = { ...stored, expiresAt: new Date("2001-01-01T00:00:00Z") };
    await expect(epp.prolong!(context(conn, wrong))).rejects.toMatchObject({ code: "expiry_moved", retryable: false });
    await expect(epp.prolong!(context(conn, stored, { months: 18 }))).rejects.toMatchObject({ code: "period_not_years", retryable: false });
  });

  it("a renew carried out whose answer was lost is found by info in the same attempt, and not sent again", async () => {
    const service = makeService();
    const opened: Done = await openToDone(epp, context(conn, service));
    sim.settings.loseRenewAnswer = true;
    const stored = { ...service, remoteId: opened.remoteId!, expiresAt: opened.expiresAt! };
    const ctx = context(conn, stored, { months: 24 });
    expect(await epp.prolong!(ctx)).toMatchObject({ status: "done", adopted: true, details: { expires_at: ymd(addYears(opened.expiresAt!, 2)) } });
    expect(sim.state.domains[service.remoteName]!.renewals).toBe(1);
    expect(calls().filter((c) => c.startsWith("domain:renew"))).toEqual(["domain:renew 1000"]);
    expect(ctx.log.text()).toContain("the renew answer was lost");
  });

  it("with no stored expiry, plans the renewal from info before sending; a retry after a lost answer does not renew twice", async () => {
    const service = makeService();
    const domain = plantOurs(sim, service, { exDate: "2024-02-29T09:00:00.000Z" });
    const ctx = context(conn, service, { months: 12 });
    const planned = await epp.prolong!(ctx);
    expect(planned).toMatchObject({ status: "pending", remoteTask: { renew: { from: "2024-02-29", to: "2025-02-28", years: 1 } } });
    expect(domain.renewals).toBe(0);
    const task = planned.status === "pending" ? planned.remoteTask : {};
    expect(await epp.poll!(ctx, task)).toMatchObject({ status: "done", expiresAt: new Date("2025-02-28T09:00:00.000Z") });
    expect(domain.exDate).toBe("2025-02-28T09:00:00.000Z");
    // The answer was lost: the engine polls the same task again.
    expect(await epp.poll!(ctx, task)).toMatchObject({ status: "done", adopted: true });
    expect(domain.renewals).toBe(1);
    expect(calls().filter((c) => c.startsWith("domain:renew"))).toEqual(["domain:renew 1000"]);
  });

  it("reads answers in a default namespace the same as prefixed ones", async () => {
    sim.settings.defaultNamespace = true;
    const service = makeService();
    const opened = await openToDone(epp, context(conn, service));
    expect(sim.state.calls.some((c) => c.command === "domain:info")).toBe(true);
    const stored = { ...service, remoteId: opened.remoteId!, expiresAt: opened.expiresAt! };
    const renewed = await epp.prolong!(context(conn, stored, { months: 24 }));
    expect(renewed).toMatchObject({ status: "done", expiresAt: new Date(sim.state.domains[service.remoteName]!.exDate) });
    expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "active", details: { nameservers: "ns1.host.test, ns2.host.test" } });
    const [, , check] = await logged([command(`<check><domain:check xmlns:domain="${DOMAIN_NS}"><domain:name>${service.remoteName}</domain:name></domain:check></check>`)]);
    expect(check).toContain(`<chkData xmlns="${DOMAIN_NS}"><cd><name avail="0">`);
  });

  it("refuses periods in months and frozen domains, with the registry's reason", async () => {
    const service = makeService();
    const domain = plantOurs(sim, service);
    const renew = (period: string) => command(`<renew><domain:renew xmlns:domain="${DOMAIN_NS}"><domain:name>${domain.name}</domain:name><domain:curExpDate>2027-03-01</domain:curExpDate>${period}</domain:renew></renew>`);
    const answers = await logged([renew('<domain:period unit="m">12</domain:period>')]);
    expect(codeOf(answers[2])).toBe("2306");
    domain.status = ["redemptionPeriod"];
    const stored = { ...service, remoteId: domain.name, expiresAt: new Date(domain.exDate) };
    await expect(epp.prolong!(context(conn, stored, { months: 12 }))).rejects.toMatchObject({ code: "status_prohibits", message: expect.stringContaining("Domain is redemptionPeriod") });
  });

  it("is steered over the control port and never shows authInfo there", async () => {
    await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ failNext: 1 }) });
    await expect(epp.checkConnection(conn, createAttemptLog())).rejects.toMatchObject({ code: "epp_2400", retryable: true });
    const service = makeService();
    await openToDone(epp, context(conn, service));
    const state = await (await fetch(`${sim.url}/__sim/state`)).json();
    expect(state.state.domains).toHaveLength(1);
    const domain = sim.state.domains[service.remoteName]!;
    for (const hidden of [domain.authInfo, sim.state.contacts[domain.registrant]!.authInfo]) expect(JSON.stringify(state)).not.toContain(hidden);
  });
});
