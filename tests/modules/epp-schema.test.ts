import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { epp } from "../../lib/modules/epp";
import type { EppConnection } from "../../lib/modules/epp/client";
import { contactBody, eppPhone, streetLines } from "../../lib/modules/epp/contact";
import { parseDateTime } from "../../lib/modules/epp/dates";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { CONTACT_NS, DOMAIN_NS, EPP_NS, HOST_NS, parseXml, RGP_NS, textIn, type XmlElement } from "../../lib/modules/epp/xml";
import { codeOf, command, connectionOf, makeService, plantOurs, raw, REGISTRAR } from "./epp-setup";
import { context, openToDone } from "./kit";

/**
 * What the module sends, checked against the content models of the IETF XSDs (epp-1.0, domain-1.0,
 * contact-1.0, host-1.0 of RFC 5730–5733) by a checker written here from those facts alone: element order
 * inside each xs:sequence, required children, occurrence limits, required attributes and a few facets.
 */

const P: Record<string, string> = { [EPP_NS]: "", [DOMAIN_NS]: "domain:", [CONTACT_NS]: "contact:", [HOST_NS]: "host:", [RGP_NS]: "rgp:" };
const qname = (e: XmlElement) => `${P[e.ns] ?? `{${e.ns}}`}${e.local}`;

/** [child, min, max] in sequence order; a "|" joins the members of an xs:choice that occurs once. */
type Seq = [string, number, number][];
const U = Infinity;
const SEQUENCES: Record<string, Seq> = {
  login: [["clID", 1, 1], ["pw", 1, 1], ["newPW", 0, 1], ["options", 1, 1], ["svcs", 1, 1]],
  options: [["version", 1, 1], ["lang", 1, 1]],
  svcs: [["objURI", 1, U], ["svcExtension", 0, 1]],
  svcExtension: [["extURI", 1, U]],
  "domain:check": [["domain:name", 1, U]],
  "domain:info": [["domain:name", 1, 1], ["domain:authInfo", 0, 1]],
  "domain:create": [["domain:name", 1, 1], ["domain:period", 0, 1], ["domain:ns", 0, 1], ["domain:registrant", 0, 1], ["domain:contact", 0, U], ["domain:authInfo", 1, 1]],
  "domain:hostAttr": [["domain:hostName", 1, 1], ["domain:hostAddr", 0, U]],
  "domain:authInfo": [["domain:pw|domain:ext", 1, 1]],
  "domain:renew": [["domain:name", 1, 1], ["domain:curExpDate", 1, 1], ["domain:period", 0, 1]],
  "domain:update": [["domain:name", 1, 1], ["domain:add", 0, 1], ["domain:rem", 0, 1], ["domain:chg", 0, 1]],
  "domain:add": [["domain:ns", 0, 1], ["domain:contact", 0, U], ["domain:status", 0, 11]],
  "contact:check": [["contact:id", 1, U]],
  "contact:info": [["contact:id", 1, 1], ["contact:authInfo", 0, 1]],
  "contact:create": [["contact:id", 1, 1], ["contact:postalInfo", 1, 2], ["contact:voice", 0, 1], ["contact:fax", 0, 1], ["contact:email", 1, 1], ["contact:authInfo", 1, 1], ["contact:disclose", 0, 1]],
  "contact:postalInfo": [["contact:name", 1, 1], ["contact:org", 0, 1], ["contact:addr", 1, 1]],
  "contact:addr": [["contact:street", 0, 3], ["contact:city", 1, 1], ["contact:sp", 0, 1], ["contact:pc", 0, 1], ["contact:cc", 1, 1]],
  "contact:authInfo": [["contact:pw|contact:ext", 1, 1]],
  "host:check": [["host:name", 1, U]],
  "host:info": [["host:name", 1, 1]],
  "host:create": [["host:name", 1, 1], ["host:addr", 0, U]],
};
const length = (min: number, max: number) => (v: string) => v.trim().length >= min && v.trim().length <= max;
/** Character data facets (eppcom clIDType 3–16, epp pwType 6–16, trIDStringType 3–64, …). */
const TEXT: Record<string, (v: string) => boolean> = {
  clTRID: length(3, 64), clID: length(3, 16), pw: length(6, 16), version: (v) => v === "1.0", lang: (v) => v === "en",
  "contact:id": length(3, 16), "domain:registrant": length(3, 16), "domain:contact": length(3, 16),
  "domain:period": (v) => /^[1-9]\d?$/.test(v), "domain:curExpDate": (v) => /^\d{4}-\d\d-\d\d$/.test(v),
  "contact:cc": (v) => /^[A-Z]{2}$/.test(v), "contact:voice": (v) => /^\+\d{1,3}\.\d{1,14}$/.test(v) && v.length <= 17,
  "contact:name": length(1, 255), "contact:city": length(1, 255), "contact:street": length(0, 255), "contact:email": length(1, 10_000),
  "domain:name": length(1, 255), "host:name": length(1, 255), "host:addr": length(3, 45), "domain:hostAddr": length(3, 45),
};
/** Required attributes and their values. */
const ATTRS: Record<string, Record<string, RegExp>> = {
  "domain:period": { unit: /^(y|m)$/ }, "contact:postalInfo": { type: /^(int|loc)$/ }, "domain:contact": { type: /^(admin|billing|tech)$/ },
};
const OPTIONAL_ATTRS: Record<string, Record<string, RegExp>> = {
  "host:addr": { ip: /^(v4|v6)$/ }, "domain:hostAddr": { ip: /^(v4|v6)$/ }, "domain:name": { hosts: /^(all|del|none|sub)$/ },
};

function checkSequence(e: XmlElement, seq: Seq, problems: string[]) {
  let i = 0;
  for (const [names, min, max] of seq) {
    const allowed = names.split("|");
    let n = 0;
    while (i < e.children.length && allowed.includes(qname(e.children[i]!)) && n < max) {
      n += 1;
      i += 1;
    }
    if (n < min) problems.push(`<${qname(e)}> lacks <${names}>${i < e.children.length ? ` before <${qname(e.children[i]!)}>` : ""}`);
  }
  if (i < e.children.length) problems.push(`<${qname(e)}>: <${qname(e.children[i]!)}> is out of order or not allowed`);
}

function walk(e: XmlElement, problems: string[]) {
  const name = qname(e);
  if (name === "domain:ns") {
    // nsType: a choice of hostObj+ or hostAttr+, never mixed.
    const kinds = new Set(e.children.map(qname));
    if (!e.children.length || kinds.size !== 1 || ![...kinds].every((k) => k === "domain:hostObj" || k === "domain:hostAttr")) problems.push("<domain:ns> must hold hostObj+ or hostAttr+");
  } else if (SEQUENCES[name]) checkSequence(e, SEQUENCES[name]!, problems);
  else if (e.children.length && !["epp", "command", "check", "create", "info", "renew", "update", "login", "domain:ns"].includes(name)) {
    problems.push(`<${name}> has children the checker does not know`);
  }
  const text = TEXT[name];
  if (text && !text(e.text)) problems.push(`<${name}> text '${e.text}' breaks its facet`);
  for (const [attr, pattern] of Object.entries(ATTRS[name] ?? {})) if (!pattern.test(e.attrs[attr] ?? "")) problems.push(`<${name}> needs ${attr}`);
  for (const [attr, pattern] of Object.entries(OPTIONAL_ATTRS[name] ?? {})) if (e.attrs[attr] !== undefined && !pattern.test(e.attrs[attr]!)) problems.push(`<${name}> bad ${attr}`);
  for (const child of e.children) walk(child, problems);
}

/** The schema problems of a client frame: <epp><command>verb, extension?, clTRID</command></epp>. */
function checkFrame(xml: string): string[] {
  const root = parseXml(xml);
  const problems: string[] = [];
  const [cmd, extra] = root.children;
  if (root.ns !== EPP_NS || root.local !== "epp" || !cmd || extra || cmd.ns !== EPP_NS || cmd.local !== "command") return ["not <epp><command>"];
  const [verb, ...rest] = cmd.children;
  if (!verb || !["check", "create", "info", "renew", "update", "login", "logout"].includes(verb.local)) problems.push("no command verb first");
  if (rest.map((c) => c.local).join() !== "clTRID") problems.push(`after the verb comes clTRID only (found ${rest.map(qname).join()})`);
  if (verb && verb.local !== "login" && verb.local !== "logout" && verb.children.length !== 1) problems.push(`<${verb.local}> holds exactly one object element`);
  walk(root, problems);
  return problems;
}

const verbOf = (xml: string) => {
  const verb = parseXml(xml).children[0]?.children[0];
  if (!verb) return "?";
  return verb.local === "login" || verb.local === "logout" ? verb.local : [verb.local, ...verb.children.slice(0, 1).map(qname)].join(" ");
};

let sim: EppSimulator;
let conn: EppConnection;
beforeEach(async () => {
  sim = await startEppSimulator(REGISTRAR);
  conn = connectionOf(sim);
});
afterEach(async () => {
  await sim.close();
});

describe("epp schema: what the module sends", () => {
  it("the structural checker catches frames that break the XSD order or miss required elements", () => {
    const create = (inner: string) => command(`<create><domain:create xmlns:domain="${DOMAIN_NS}">${inner}</domain:create></create>`);
    const pw = "<domain:authInfo><domain:pw>Aa1!aaaa</domain:pw></domain:authInfo>";
    expect(checkFrame(create(`<domain:name>a.example</domain:name><domain:registrant>abc1</domain:registrant>${pw}`))).toEqual([]);
    expect(checkFrame(create(`<domain:name>a.example</domain:name>${pw}<domain:registrant>abc1</domain:registrant>`))).not.toEqual([]);
    expect(checkFrame(create(`<domain:name>a.example</domain:name><domain:registrant>abc1</domain:registrant>`))).not.toEqual([]);
    expect(checkFrame(create(`<domain:name>a.example</domain:name><domain:period>1</domain:period>${pw}`))).toContain("<domain:period> needs unit");
    expect(checkFrame(command("<logout/>", "ab"))).toContain("<clTRID> text 'ab' breaks its facet");
  });

  it("every frame of open, renew, sync and check connection follows the schemas, in XSD element order", async () => {
    const service = makeService();
    const name = service.remoteName;
    await epp.checkConnection(conn, createAttemptLog());
    const opened = await openToDone(epp, context(conn, { ...service, params: { nameservers: [`ns1.${name} 192.0.2.1, 2001:db8::1`, "ns2.host.test"] } }));
    const stored = { ...service, remoteId: opened.remoteId!, expiresAt: opened.expiresAt! };
    await epp.prolong!(context(conn, stored, { months: 12 }));
    await epp.sync(context(conn, stored));
    // A second client order reuses the contact (contact:info), and a registry without host objects gets hostAttr.
    sim.settings.hostObjects = false;
    const cyrillic = makeService({ client: { id: 5, name: "Анна Петрова", email: "anna@example.test", phone: "+7 900 123-45-67", country: "ru", city: "Москва", address: "ул. Тверская, 1\nкв. 2\nподъезд 3\nэтаж 4" } });
    await openToDone(epp, context(conn, { ...cyrillic, params: { nameservers: [`ns1.${cyrillic.remoteName} 192.0.2.7`, "ns2.host.test"] } }));
    const again = makeService({ client: cyrillic.client });
    await openToDone(epp, context(conn, again));
    const planted = makeService();
    plantOurs(sim, planted);
    expect(await epp.prolong!(context(conn, planted, { months: 12 }))).toMatchObject({ status: "pending" });

    const frames = [...sim.frames];
    const verbs = new Set(frames.map(verbOf));
    for (const needed of ["login", "logout", "check domain:check", "check host:check", "create contact:create", "info contact:info", "create host:create", "create domain:create", "info domain:info", "update domain:update", "renew domain:renew"]) {
      expect(verbs, needed).toContain(needed);
    }
    for (const frame of frames) expect(checkFrame(frame), frame).toEqual([]);
    expect(sim.state.calls.filter((c) => c.code === 2001)).toEqual([]);

    const byVerb = (v: string) => frames.filter((f) => verbOf(f) === v).map((f) => parseXml(f).children[0]!.children[0]!.children[0]!);
    const order = (e: XmlElement) => e.children.map(qname);
    expect(order(byVerb("create domain:create")[0]!)).toEqual([
      "domain:name", "domain:period", "domain:ns", "domain:registrant", "domain:contact", "domain:contact", "domain:contact", "domain:authInfo",
    ]);
    const withGlue = byVerb("create domain:create").find((c) => c.children[0]!.text === cyrillic.remoteName)!;
    const hostAttr = withGlue.children.find((c) => c.local === "ns")!.children;
    expect(hostAttr.map(qname)).toEqual(["domain:hostAttr", "domain:hostAttr"]);
    expect(order(hostAttr[0]!)).toEqual(["domain:hostName", "domain:hostAddr"]);
    const contact = byVerb("create contact:create").at(-1)!;
    expect(order(contact)).toEqual(["contact:id", "contact:postalInfo", "contact:voice", "contact:email", "contact:authInfo"]);
    const postal = contact.children[1]!;
    expect(postal.attrs.type).toBe("loc");
    expect(order(postal.children[1]!)).toEqual(["contact:street", "contact:street", "contact:street", "contact:city", "contact:cc"]);
    expect(postal.children[1]!.children[2]!.text).toBe("подъезд 3, этаж 4");
    const login = parseXml(frames.find((f) => verbOf(f) === "login")!).children[0]!.children[0]!;
    expect(order(login)).toEqual(["clID", "pw", "options", "svcs"]);
    expect(order(login.children[3]!)).toEqual(["objURI", "objURI", "objURI", "svcExtension"]);
    const clTRIDs = frames.map((f) => parseXml(f).children[0]!.children.at(-1)!.text);
    expect(new Set(clTRIDs).size).toBe(frames.length);
  });

  it("refuses logins outside the schema's lengths before connecting, and contact data it cannot send", async () => {
    await expect(epp.checkConnection({ ...conn, password: "x".repeat(17) }, createAttemptLog())).rejects.toMatchObject({ code: "auth", retryable: false, message: expect.stringContaining("6–16") });
    expect(sim.frames).toEqual([]);
    expect(streetLines("a\r\n\n b  c \nd\ne")).toEqual(["a", "b c", "d, e"]);
    expect(eppPhone("+380.1234567890123", "UA")).toBeUndefined();
    expect(eppPhone("+380.123456789012", "UA")).toBe("+380.123456789012");
    const client = { id: 1, name: "Ann", email: "ann@example.test", country: "RU", city: "Moscow" };
    expect(() => contactBody("pvabc1", { ...client, address: "x".repeat(256) }, "Aa1!aaaa", createAttemptLog())).toThrow(/255/);
    expect(() => contactBody("pvabc1", { ...client, name: "  " }, "Aa1!aaaa", createAttemptLog())).toThrow(/name and email/);
  });
});

describe("epp schema: the simulator validates like a real registry (2001)", () => {
  const login = command(
    `<login><clID>provisio</clID><pw>${REGISTRAR.password.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pw>` +
      `<options><version>1.0</version><lang>en</lang></options><svcs><objURI>${DOMAIN_NS}</objURI><objURI>${CONTACT_NS}</objURI><objURI>${HOST_NS}</objURI></svcs></login>`,
  );
  const dom = (verb: string, inner: string) => command(`<${verb}><domain:${verb} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${verb}></${verb}>`);
  const con = (inner: string) => command(`<create><contact:create xmlns:contact="${CONTACT_NS}">${inner}</contact:create></create>`);
  const pw = "<domain:authInfo><domain:pw>Aa1!aaaa</domain:pw></domain:authInfo>";
  const addr = "<contact:addr><contact:city>Moscow</contact:city><contact:cc>RU</contact:cc></contact:addr>";
  const auth = "<contact:authInfo><contact:pw>Aa1!aaaa</contact:pw></contact:authInfo>";

  it("answers 2001 with the rule for elements out of order, missing ones and broken facets", async () => {
    const bad = [
      dom("create", `<domain:name>a-1.example</domain:name>${pw}<domain:registrant>abc1</domain:registrant>`),
      dom("create", `<domain:name>a-1.example</domain:name><domain:registrant>abc1</domain:registrant>`),
      dom("create", `<domain:name>a-1.example</domain:name><domain:period>1</domain:period>${pw}`),
      dom("renew", `<domain:name>a-1.example</domain:name><domain:period unit="y">1</domain:period>`),
      con(`<contact:id>abc1</contact:id><contact:postalInfo type="int"><contact:name>A</contact:name>${addr}</contact:postalInfo><contact:email>a@b.test</contact:email><contact:voice>+7.1</contact:voice>${auth}`),
      con(`<contact:id>abc1</contact:id><contact:postalInfo type="int"><contact:name>A</contact:name><contact:addr><contact:cc>RU</contact:cc><contact:city>Moscow</contact:city></contact:addr></contact:postalInfo><contact:email>a@b.test</contact:email>${auth}`),
      con(`<contact:id>ab</contact:id><contact:postalInfo type="int"><contact:name>A</contact:name>${addr}</contact:postalInfo><contact:email>a@b.test</contact:email>${auth}`),
      command(`<login><clID>provisio</clID><pw>secret1</pw><svcs><objURI>${DOMAIN_NS}</objURI></svcs><options><version>1.0</version><lang>en</lang></options></login>`),
    ];
    const answers = await raw(sim, [login, ...bad]);
    expect(answers.slice(2).map(codeOf)).toEqual(bad.map(() => "2001"));
    const reasons = answers.slice(2).map((a) => textIn(parseXml(a), EPP_NS, "reason") ?? "");
    expect(reasons[0]).toContain("<domain:registrant> is out of order");
    expect(reasons[1]).toContain("needs <domain:authInfo>");
    expect(reasons[2]).toContain("needs the attribute unit");
    expect(reasons[3]).toContain("needs <domain:curExpDate>");
    expect(reasons[4]).toContain("needs <contact:authInfo> before <contact:voice>");
    expect(reasons[5]).toContain("contact:addr needs <contact:city> before <contact:cc>");
    expect(reasons[6]).toContain("clIDType must be 3-16");
    expect(reasons[7]).toContain("needs <options> before <svcs>");
    for (const frame of bad) expect(checkFrame(frame), frame).not.toEqual([]);
    expect(Object.keys(sim.state.domains)).toEqual([]);
    expect(Object.keys(sim.state.contacts)).toEqual([]);
  });
});

describe("epp schema: reading answers as the schemas allow", () => {
  it("reads xs:boolean words in check answers (avail=\"true\"/\"false\"), with a message queue in every answer", async () => {
    sim.settings.booleanWords = true;
    sim.settings.msgQueue = 2;
    const service = makeService();
    await expect(openToDone(epp, context(conn, service))).resolves.toMatchObject({ status: "done" });
    const taken = makeService({ remoteName: service.remoteName });
    await expect(epp.open(context(conn, taken))).rejects.toMatchObject({ code: "exists_foreign" });
    const [, , answer] = await raw(sim, [command(`<login><clID>provisio</clID><pw>${REGISTRAR.password.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pw><options><version>1.0</version><lang>en</lang></options><svcs><objURI>${DOMAIN_NS}</objURI></svcs></login>`), command(`<check><domain:check xmlns:domain="${DOMAIN_NS}"><domain:name>${service.remoteName}</domain:name></domain:check></check>`)]);
    expect(answer).toContain('avail="false"');
    expect(answer).toMatch(/<\/result><msgQ count="2" id="MSG-1">.*<\/msgQ><resData>/);
  });

  it("reads dates with and without fractional seconds and with an offset, and renews with the registry's calendar date", async () => {
    expect(parseDateTime("2027-03-01T10:00:00Z")).toEqual({ at: new Date("2027-03-01T10:00:00.000Z"), day: "2027-03-01" });
    expect(parseDateTime(" 2027-03-01T10:00:00.123456Z ")?.at).toEqual(new Date("2027-03-01T10:00:00.123Z"));
    expect(parseDateTime("2027-03-02T01:30:00.5+03:00")).toEqual({ at: new Date("2027-03-01T22:30:00.500Z"), day: "2027-03-02" });
    expect(parseDateTime("2027-03-01T10:00:00")?.at).toEqual(new Date("2027-03-01T10:00:00.000Z"));
    expect(parseDateTime("01.03.2027")).toBeUndefined();

    sim.settings.dateStyle = "plain";
    const plain = makeService();
    const opened = await openToDone(epp, context(conn, plain));
    expect(opened.expiresAt!.getTime()).toBe(Math.floor(new Date(sim.state.domains[plain.remoteName]!.exDate).getTime() / 1000) * 1000);

    // The registry writes 2027-03-01T22:30Z as 2027-03-02T01:30:00.000000+03:00: its curExpDate is 2027-03-02.
    sim.settings.dateStyle = "offset";
    const late = { exDate: "2027-03-01T22:30:00.000Z" };
    const noStored = makeService();
    plantOurs(sim, noStored, late);
    const planned = await epp.prolong!(context(conn, noStored, { months: 12 }));
    expect(planned).toMatchObject({ status: "pending", remoteTask: { renew: { from: "2027-03-02", to: "2028-03-02" } } });
    const task = planned.status === "pending" ? planned.remoteTask : {};
    await expect(epp.poll!(context(conn, noStored), task)).resolves.toMatchObject({ status: "done", expiresAt: new Date("2028-03-01T22:30:00.000Z") });
    const stored = makeService({ expiresAt: new Date(late.exDate) });
    plantOurs(sim, stored, late);
    await expect(epp.prolong!(context(conn, stored, { months: 12 }))).resolves.toMatchObject({ status: "done", expiresAt: new Date("2028-03-01T22:30:00.000Z") });
    expect([sim.state.domains[noStored.remoteName]!.renewals, sim.state.domains[stored.remoteName]!.renewals]).toEqual([1, 1]);
    expect(sim.state.calls.filter((c) => c.command === "domain:renew").map((c) => c.code)).toEqual([1000, 1000]);
  });

  it("logs in with rgp-1.0 and reads redemptionPeriod from the rgp extension, with prefixes or a default namespace", async () => {
    const service = makeService();
    const opened = await openToDone(epp, context(conn, service));
    const stored = { ...service, remoteId: opened.remoteId! };
    sim.state.domains[service.remoteName]!.status = ["redemptionPeriod"];
    for (const defaultNamespace of [false, true]) {
      sim.settings.defaultNamespace = defaultNamespace;
      expect(await epp.sync(context(conn, stored))).toMatchObject({ state: "broken", reason: expect.stringContaining("redemptionPeriod") });
    }
    const info = sim.frames.filter((f) => f.includes("<info>")).length;
    expect(info).toBeGreaterThan(0);
    // Without rgp-1.0 at login the answer says only pendingDelete (RFC 3915 §4), which is still broken.
    const loginWithout = command(`<login><clID>provisio</clID><pw>${REGISTRAR.password.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pw><options><version>1.0</version><lang>en</lang></options><svcs><objURI>${DOMAIN_NS}</objURI></svcs></login>`);
    const infoFrame = command(`<info><domain:info xmlns:domain="${DOMAIN_NS}"><domain:name>${service.remoteName}</domain:name></domain:info></info>`);
    const [, , plainAnswer] = await raw(sim, [loginWithout, infoFrame]);
    expect(plainAnswer).toContain('s="pendingDelete"');
    expect(plainAnswer).not.toContain(RGP_NS);
    const withRgp = loginWithout.replace("</svcs>", `<svcExtension><extURI>${RGP_NS}</extURI></svcExtension></svcs>`);
    const [, , rgpAnswer] = await raw(sim, [withRgp, infoFrame]);
    expect(rgpAnswer).toContain('rgpStatus s="redemptionPeriod"');
  });
});
