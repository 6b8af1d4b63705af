import { inBailiwickOf } from "./simulator-objects";
import { result, type EppDomain, type Registry, type Result } from "./simulator-types";
import { childOf, childrenOf, DOMAIN_NS, type XmlElement } from "./xml";

/** RFC 5731 §3.2.5 domain:update of the simulated registry: name servers, statuses, authInfo and registrant. */

/**
 * RFC 5731 §2.3 and RFC 3915: pending states refuse every transform command but transfer (2304); a domain in
 * redemption is pendingDelete too.
 */
export const FROZEN = ["pendingDelete", "redemptionPeriod", "pendingRestore", "pendingCreate", "pendingTransfer", "pendingUpdate", "pendingRenew"];
/** RFC 5731 §2.3: the statuses a client may add or remove; server* and pending* are the registry's, "ok" is implied. */
const CLIENT_SETTABLE = ["clientDeleteProhibited", "clientHold", "clientRenewProhibited", "clientTransferProhibited", "clientUpdateProhibited"];
/** Identity Digital (protocols.md §5): 8–32 characters with a letter, a digit and a special character. */
export const STRONG = (pw: string) => pw.length >= 8 && pw.length <= 32 && /\p{L}/u.test(pw) && /\d/.test(pw) && /[^\p{L}\d]/u.test(pw);

const D = (parent: XmlElement | undefined, local: string) => childOf(parent, DOMAIN_NS, local);
const text = (parent: XmlElement | undefined, local: string) => D(parent, local)?.text.trim() ?? "";

/** The name servers of a create or update: host objects that must exist, or host attributes with their rules. */
export function nameServers(reg: Registry, ns: XmlElement | undefined): { hosts: string[]; glue: Record<string, string[]> } | Result {
  const objects = childrenOf(ns, DOMAIN_NS, "hostObj").map((h) => h.text.trim().toLowerCase());
  const attrs = childrenOf(ns, DOMAIN_NS, "hostAttr");
  if (reg.settings.hostObjects) {
    // Nomulus host rules: this registry takes host objects only (unconf.: the code for hostAttr here; 2306 chosen).
    if (attrs.length) return result(2306, "This registry takes name servers as host objects");
    const missing = objects.find((h) => !reg.state.hosts[h]);
    // protocols.md §5: a name server that is not an existing host object is 2303.
    if (missing) return result(2303, `Host ${missing} does not exist`);
    return { hosts: objects, glue: {} };
  }
  if (objects.length) return result(2306, "This registry takes name servers as host attributes");
  const glue: Record<string, string[]> = {};
  for (const a of attrs) {
    const host = text(a, "hostName").toLowerCase();
    const addrs = childrenOf(a, DOMAIN_NS, "hostAddr").map((x) => x.text.trim());
    // protocols.md §5: a host under the registry's TLDs needs glue (2003); an external host must not carry any (2004).
    if (inBailiwickOf(reg, host) && !addrs.length) return result(2003, `Host ${host} needs an address`);
    if (!inBailiwickOf(reg, host) && addrs.length) return result(2004, `External host ${host} must not have addresses`);
    glue[host] = addrs;
  }
  return { hosts: Object.keys(glue), glue };
}

const statusesOf = (part: XmlElement | undefined) => childrenOf(part, DOMAIN_NS, "status").map((s) => s.attrs.s?.trim() ?? "");
const hostsOf = (ns: XmlElement | undefined) =>
  [...childrenOf(ns, DOMAIN_NS, "hostObj"), ...childrenOf(ns, DOMAIN_NS, "hostAttr").map((a) => D(a, "hostName"))].map((h) => h?.text.trim().toLowerCase() ?? "");

/** Status changes: client-settable values only, none both added and removed, added only when absent, removed only when present. */
function statusChange(d: EppDomain, add: string[], rem: string[]): Result | null {
  const notOurs = [...add, ...rem].find((s) => !CLIENT_SETTABLE.includes(s));
  // Nomulus: StatusNotClientSettableException and AddRemoveSameValueException are 2306.
  if (notOurs) return result(2306, `Status ${notOurs} cannot be set or removed by a registrar`);
  const both = add.find((s) => rem.includes(s));
  if (both) return result(2306, `Status ${both} is both added and removed`);
  const present = add.find((s) => d.status.includes(s));
  if (present) return result(2306, `Status ${present} is already set`);
  const absent = rem.find((s) => !d.status.includes(s));
  if (absent) return result(2306, `Status ${absent} is not set`);
  return null;
}

/** domain:update (RFC 5731 §3.2.5): only the sponsor, not in a pending state, and all or nothing. */
export function updateDomain(reg: Registry, cmd: XmlElement): Result {
  const d = reg.state.domains[text(cmd, "name").toLowerCase()];
  if (!d) return result(2303);
  if (d.clID !== reg.me) return result(2201);
  const frozen = FROZEN.find((s) => d.status.includes(s));
  if (frozen) return result(2304, `Domain is ${frozen}`);
  const [add, rem, chg] = [D(cmd, "add"), D(cmd, "rem"), D(cmd, "chg")];
  const addStatus = statusesOf(add);
  const remStatus = statusesOf(rem);
  // RFC 5731 §2.3: under client/serverUpdateProhibited every update is refused, except the one removing clientUpdateProhibited.
  if (d.status.includes("serverUpdateProhibited")) return result(2304, "Domain is serverUpdateProhibited");
  if (d.status.includes("clientUpdateProhibited") && !remStatus.includes("clientUpdateProhibited")) return result(2304, "Domain is clientUpdateProhibited");
  const statusError = statusChange(d, addStatus, remStatus);
  if (statusError) return statusError;
  const added = nameServers(reg, D(add, "ns"));
  if ("code" in added) return added;
  const removed = hostsOf(D(rem, "ns"));
  const already = added.hosts.find((h) => d.ns.includes(h) && !removed.includes(h));
  if (already) return result(2302, `Host ${already} is already a name server`);
  const stranger = removed.find((h) => !d.ns.includes(h));
  if (stranger) return result(2303, `Host ${stranger} is not a name server of ${d.name}`);
  if (d.ns.filter((h) => !removed.includes(h)).length + added.hosts.length > 13) return result(2306, "At most 13 name servers");
  const pw = childOf(D(chg, "authInfo"), DOMAIN_NS, "pw");
  if (pw && !pw.text.trim()) return result(2306, "authInfo must not be empty");
  if (pw && reg.settings.authInfoPolicy && !STRONG(pw.text.trim())) {
    return result(2306, "authInfo must be 8-32 characters with a letter, a digit and a special character");
  }
  const registrant = text(chg, "registrant");
  if (registrant) {
    if (!reg.state.contacts[registrant]) return result(2303, `Contact ${registrant} does not exist`);
    if (reg.state.contacts[registrant]!.clID !== reg.me) return result(2201, `Contact ${registrant} belongs to another registrar`);
  }
  // Every check passed: the whole update is applied.
  d.ns = [...d.ns.filter((h) => !removed.includes(h)), ...added.hosts];
  for (const h of removed) delete d.glue[h];
  Object.assign(d.glue, added.glue);
  const status = [...d.status.filter((s) => s !== "ok" && !remStatus.includes(s)), ...addStatus];
  d.status = status.length ? status : ["ok"];
  if (pw) d.authInfo = pw.text.trim();
  if (registrant) d.registrant = registrant;
  return result(1000);
}
