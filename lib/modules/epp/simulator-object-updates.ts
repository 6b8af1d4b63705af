import { isIP } from "node:net";
import { inBailiwickOf } from "./simulator-objects";
import { result, type Registry, type Result } from "./simulator-types";
import { childOf, childrenOf, CONTACT_NS, HOST_NS, type XmlElement } from "./xml";

/** RFC 5733 §3.2.5 contact:update and RFC 5732 §3.2.5 host:update of the simulated registry. */

const VOICE = /^\+\d{1,3}\.\d{1,14}$/;
const ASCII = /^[\x20-\x7e]*$/;
const C = (parent: XmlElement | undefined, local: string) => childOf(parent, CONTACT_NS, local);
const ctext = (parent: XmlElement | undefined, local: string) => C(parent, local)?.text.trim();

/** contact:update: only the sponsor; the changed fields follow the same rules as a create; all or nothing. */
export function contactUpdate(reg: Registry, cmd: XmlElement): Result {
  const c = reg.state.contacts[ctext(cmd, "id") ?? ""];
  if (!c) return result(2303);
  if (c.clID !== reg.me) return result(2201);
  const chg = C(cmd, "chg");
  const postal = childrenOf(chg, CONTACT_NS, "postalInfo");
  if (postal.some((p) => p.attrs.type !== "int" && p.attrs.type !== "loc")) return result(2005, "postalInfo type is int or loc");
  const next = { ...c };
  for (const p of postal) {
    const addr = C(p, "addr");
    const fields = { name: ctext(p, "name"), city: ctext(addr, "city"), cc: ctext(addr, "cc"), street: addr ? childrenOf(addr, CONTACT_NS, "street").map((s) => s.text.trim()).join(", ") : undefined };
    // RFC 5733 §2.4: type="int" is 7-bit ASCII only (protocols.md §5: 2005); cc is two capital letters.
    if (p.attrs.type === "int" && !Object.values(fields).every((v) => v === undefined || ASCII.test(v))) return result(2005, "postalInfo int must be 7-bit ASCII");
    if (fields.cc !== undefined && !/^[A-Z]{2}$/.test(fields.cc)) return result(2005, "cc must be a two-letter country code");
    if (addr && (!fields.city || !fields.cc)) return result(2003, "an address needs city and cc");
    if (fields.name !== undefined) next.name = fields.name;
    if (addr) Object.assign(next, { city: fields.city, cc: fields.cc, street: fields.street || undefined });
    next.postalType = p.attrs.type as "int" | "loc";
  }
  const voice = ctext(chg, "voice");
  if (voice !== undefined && voice !== "" && !VOICE.test(voice)) return result(2005, "voice must be +CC.NUMBER");
  const email = ctext(chg, "email");
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return result(2005, "email is not an address");
  const pw = ctext(C(chg, "authInfo"), "pw");
  if (voice !== undefined) next.voice = voice || undefined;
  if (email !== undefined) next.email = email;
  if (pw) next.authInfo = pw;
  reg.state.contacts[c.id] = next;
  return result(1000);
}

const addrsOf = (part: XmlElement | undefined) => childrenOf(part, HOST_NS, "addr").map((a) => ({ ip: a.attrs.ip ?? "v4", value: a.text.trim() }));

/** host:update with add/rem of addresses: only the sponsor; glue only on in-bailiwick hosts, which keep at least one. */
export function hostUpdate(reg: Registry, cmd: XmlElement): Result {
  const h = reg.state.hosts[(childOf(cmd, HOST_NS, "name")?.text.trim() ?? "").toLowerCase()];
  if (!h) return result(2303);
  if (h.clID !== reg.me) return result(2201);
  const add = addrsOf(childOf(cmd, HOST_NS, "add"));
  const rem = addrsOf(childOf(cmd, HOST_NS, "rem")).map((a) => a.value);
  const bad = add.find((a) => isIP(a.value) !== (a.ip === "v6" ? 6 : 4));
  if (bad) return result(2005, `${bad.value} is not an ${bad.ip} address`);
  // protocols.md §5: an external host must not carry addresses (2004).
  if (add.length && !inBailiwickOf(reg, h.name)) return result(2004, `External host ${h.name} must not have addresses`);
  const present = add.find((a) => h.addrs.includes(a.value));
  if (present) return result(2306, `${present.value} is already an address of ${h.name}`);
  const absent = rem.find((a) => !h.addrs.includes(a));
  if (absent) return result(2306, `${absent} is not an address of ${h.name}`);
  const addrs = [...h.addrs.filter((a) => !rem.includes(a)), ...add.map((a) => a.value)];
  // (unconf.) Nomulus refuses to leave an in-bailiwick host without glue; 2306 chosen here.
  if (inBailiwickOf(reg, h.name) && !addrs.length) return result(2306, `In-bailiwick host ${h.name} needs an address`);
  h.addrs = addrs;
  return result(1000);
}
