import { isIP } from "node:net";
import { contactUpdate, hostUpdate } from "./simulator-object-updates";
import { result, wireBoolean, wireDate, type EppContact, type Registry, type Result } from "./simulator-types";
import { childOf, childrenOf, CONTACT_NS, el, HOST_NS, type XmlElement } from "./xml";

/** RFC 5733 contacts and RFC 5732 hosts of the simulated registry (protocols.md §5). */

/** RFC 5730 clIDType: contact ids are 3–16 characters, registry-wide. */
const CONTACT_ID = /^[A-Za-z0-9_-]{3,16}$/;
/** RFC 5733 §2.5: e164StringType, "+CC.NUMBER". */
const VOICE = /^\+\d{1,3}\.\d{1,14}$/;
const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const ASCII = /^[\x20-\x7e]*$/;

const contactData = (tag: string, inner: string) => `<contact:${tag} xmlns:contact="${CONTACT_NS}">${inner}</contact:${tag}>`;
const hostData = (tag: string, inner: string) => `<host:${tag} xmlns:host="${HOST_NS}">${inner}</host:${tag}>`;
const C = (parent: XmlElement | undefined, local: string) => childOf(parent, CONTACT_NS, local);
const ctext = (parent: XmlElement | undefined, local: string) => C(parent, local)?.text.trim() ?? "";

/** A host under one of the registry's TLDs is in-bailiwick (Nomulus host rules); its domain is the last two labels. */
export const inBailiwickOf = (reg: Registry, host: string) => reg.settings.tlds.includes(host.split(".").at(-1)!);
export const superordinateOf = (host: string) => host.split(".").slice(-2).join(".");

function contactCreate(reg: Registry, cmd: XmlElement): Result {
  const id = ctext(cmd, "id");
  if (!CONTACT_ID.test(id)) return result(2005, "Contact ids are 3-16 characters");
  // protocols.md §5: contact ids are registry-wide: any registrar's contact blocks the id.
  if (reg.state.contacts[id]) return result(2302);
  const postal = childrenOf(cmd, CONTACT_NS, "postalInfo");
  if (!postal.length) return result(2003, "postalInfo is required");
  if (postal.length > 2 || postal.some((p) => p.attrs.type !== "int" && p.attrs.type !== "loc")) return result(2005, "postalInfo type is int or loc");
  const chosen = postal.find((p) => p.attrs.type === "loc") ?? postal[0]!;
  const fields = (p: XmlElement) => {
    const addr = C(p, "addr");
    return { name: ctext(p, "name"), street: childrenOf(addr, CONTACT_NS, "street").map((s) => s.text.trim()).join(", "), city: ctext(addr, "city"), cc: ctext(addr, "cc") };
  };
  for (const p of postal) {
    const f = fields(p);
    // RFC 5733 §2.4: type="int" is 7-bit ASCII only; non-ASCII belongs in type="loc" (protocols.md §5: 2005).
    if (p.attrs.type === "int" && !Object.values(f).every((v) => ASCII.test(v))) return result(2005, "postalInfo int must be 7-bit ASCII");
    if (!f.name || !f.city || !f.cc) return result(2003, "name, city and cc are required");
    // RFC 5733 §2.4.1: cc is a two-letter country code (unconf.: lower case refused here).
    if (!/^[A-Z]{2}$/.test(f.cc)) return result(2005, "cc must be a two-letter country code");
  }
  const voice = ctext(cmd, "voice");
  if (voice && !VOICE.test(voice)) return result(2005, "voice must be +CC.NUMBER");
  const email = ctext(cmd, "email");
  if (!email) return result(2003, "email is required");
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return result(2005, "email is not an address");
  const authInfo = ctext(C(cmd, "authInfo"), "pw");
  if (!authInfo) return result(2003, "authInfo is required");
  const f = fields(chosen);
  const contact: EppContact = {
    id, roid: reg.nextId("C"), clID: reg.me, postalType: chosen.attrs.type as "int" | "loc", name: f.name, city: f.city, cc: f.cc,
    ...(f.street ? { street: f.street } : {}), ...(voice ? { voice } : {}), email, authInfo,
  };
  contact.crDate = new Date().toISOString();
  reg.state.contacts[id] = contact;
  return { code: 1000, resData: contactData("creData", el("contact:id", id) + el("contact:crDate", wireDate(reg.settings, contact.crDate).text)) };
}

/**
 * RFC 5733 §3.1.2 and contact-1.0.xsd infDataType (id, roid, status+, postalInfo{1,2}, voice?, fax?, email,
 * clID, crID, crDate, …, authInfo?): only the sponsor sees the authInfo.
 */
function contactInfo(reg: Registry, c: EppContact): Result {
  const head = el("contact:id", c.id) + el("contact:roid", c.roid) + `<contact:status s="ok"/>`;
  const postal =
    `<contact:postalInfo type="${c.postalType}">${el("contact:name", c.name)}<contact:addr>` +
    `${c.street ? el("contact:street", c.street) : ""}${el("contact:city", c.city)}${el("contact:cc", c.cc)}</contact:addr></contact:postalInfo>`;
  const created = el("contact:crID", c.clID) + el("contact:crDate", wireDate(reg.settings, c.crDate ?? "2025-01-01T00:00:00.000Z").text);
  const body = head + postal + (c.voice ? el("contact:voice", c.voice) : "") + el("contact:email", c.email) + el("contact:clID", c.clID) + created +
    (c.clID === reg.me ? `<contact:authInfo>${el("contact:pw", c.authInfo)}</contact:authInfo>` : "");
  return { code: 1000, resData: contactData("infData", body) };
}

export function contactCommand(reg: Registry, verb: string, cmd: XmlElement): Result {
  if (verb === "create") return contactCreate(reg, cmd);
  if (verb === "update") return contactUpdate(reg, cmd);
  if (verb === "info") {
    const c = reg.state.contacts[ctext(cmd, "id")];
    return c ? contactInfo(reg, c) : result(2303);
  }
  if (verb === "check") {
    const cds = childrenOf(cmd, CONTACT_NS, "id").map((i) => `<contact:cd>${el("contact:id", i.text.trim(), { avail: wireBoolean(reg.settings, !reg.state.contacts[i.text.trim()]) })}</contact:cd>`);
    return { code: 1000, resData: contactData("chkData", cds.join("")) };
  }
  return result(2101);
}

/** RFC 5732 host:create with the rules of protocols.md §5 (Nomulus host flows). */
function hostCreate(reg: Registry, cmd: XmlElement): Result {
  const name = (childOf(cmd, HOST_NS, "name")?.text.trim() ?? "").toLowerCase();
  if (!HOST.test(name)) return result(2005);
  if (reg.state.hosts[name]) return result(2302);
  const addrs = childrenOf(cmd, HOST_NS, "addr").map((a) => ({ ip: a.attrs.ip ?? "v4", value: a.text.trim() }));
  const bad = addrs.find((a) => isIP(a.value) !== (a.ip === "v6" ? 6 : 4));
  if (bad) return result(2005, `${bad.value} is not an ${bad.ip} address`);
  let superordinate: string | undefined;
  if (inBailiwickOf(reg, name)) {
    superordinate = superordinateOf(name);
    const domain = reg.state.domains[superordinate];
    // An in-bailiwick host exists only under an existing domain of the same sponsor, and needs glue.
    if (!domain) return result(2303, `Superordinate domain ${superordinate} does not exist`);
    if (domain.clID !== reg.me) return result(2201, `Superordinate domain ${superordinate} belongs to another registrar`);
    if (!addrs.length) return result(2003, `In-bailiwick host ${name} needs an address`);
  } else if (addrs.length) {
    return result(2004, `External host ${name} must not have addresses`);
  }
  const crDate = new Date().toISOString();
  reg.state.hosts[name] = { name, roid: reg.nextId("H"), clID: reg.me, addrs: addrs.map((a) => a.value), crDate, ...(superordinate ? { superordinate } : {}) };
  return { code: 1000, resData: hostData("creData", el("host:name", name) + el("host:crDate", wireDate(reg.settings, crDate).text)) };
}

export function hostCommand(reg: Registry, verb: string, cmd: XmlElement): Result {
  if (verb === "create") return hostCreate(reg, cmd);
  if (verb === "update") return hostUpdate(reg, cmd);
  if (verb === "check") {
    const cds = childrenOf(cmd, HOST_NS, "name").map((n) => {
      const name = n.text.trim().toLowerCase();
      return `<host:cd>${el("host:name", name, { avail: wireBoolean(reg.settings, !reg.state.hosts[name]) })}</host:cd>`;
    });
    return { code: 1000, resData: hostData("chkData", cds.join("")) };
  }
  if (verb === "info") {
    const h = reg.state.hosts[(childOf(cmd, HOST_NS, "name")?.text.trim() ?? "").toLowerCase()];
    if (!h) return result(2303);
    const addrs = h.addrs.map((a) => el("host:addr", a, { ip: isIP(a) === 6 ? "v6" : "v4" })).join("");
    // host-1.0.xsd infDataType: name, roid, status+, addr*, clID, crID, crDate.
    const linked = Object.values(reg.state.domains).some((d) => d.ns.includes(h.name)) ? "linked" : "ok";
    const created = el("host:crID", h.clID) + el("host:crDate", wireDate(reg.settings, h.crDate ?? "2025-01-01T00:00:00.000Z").text);
    return { code: 1000, resData: hostData("infData", el("host:name", h.name) + el("host:roid", h.roid) + `<host:status s="${linked}"/>` + addrs + el("host:clID", h.clID) + created) };
  }
  return result(2101);
}
