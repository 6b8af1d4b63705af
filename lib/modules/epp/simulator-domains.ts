import { isIP } from "node:net";
import { addYears } from "./dates";
import { result, wireBoolean, wireDate, type EppDomain, type Registry, type Result } from "./simulator-types";
import { settleTransfers, transferCommand } from "./simulator-transfer";
import { FROZEN, nameServers, STRONG, updateDomain } from "./simulator-update";
import { childOf, childrenOf, DOMAIN_NS, el, RGP_NS, type XmlElement } from "./xml";

/** RFC 5731 domain commands of the simulated registry (protocols.md §5). */

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;
const OTHER = "other-registrar";

const D = (el_: XmlElement | undefined, local: string) => childOf(el_, DOMAIN_NS, local);
const text = (el_: XmlElement | undefined, local: string) => D(el_, local)?.text.trim() ?? "";
const data = (tag: string, inner: string) => `<domain:${tag} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${tag}>`;
const ok = (resData: string, code = 1000): Result => ({ code, resData });
const withExtension = (r: Result, extension: string | undefined): Result => (extension ? { ...r, extension } : r);

function foreignOnFault(reg: Registry, name: string) {
  const faults = reg.faults();
  if (!faults.exists || !DOMAIN.test(name)) return;
  faults.exists = false;
  const now = new Date().toISOString();
  reg.state.domains[name] ??= {
    name, roid: reg.nextId("D"), clID: OTHER, crDate: now, exDate: addYears(new Date(now), 1).toISOString(), status: ["ok"], ns: [], glue: {},
    registrant: "other1", contacts: {}, authInfo: "not-yours-1!", pendingInfos: 0, renewals: 0,
  };
}

/** RFC 3915 §3.1: grace-period states, which an info answer carries as rgp:rgpStatus, not domain:status. */
const RGP_ONLY = ["addPeriod", "autoRenewPeriod", "renewPeriod", "transferPeriod", "redemptionPeriod", "pendingRestore"];

/**
 * RFC 5731 §3.1.2: a client that does not sponsor the domain gets no contacts, hosts nor authInfo. RFC 3915
 * §3.1: a domain in redemptionPeriod or pendingRestore has the domain status pendingDelete, and its RGP state
 * goes in <rgp:infData> only to a client that named rgp-1.0 at login.
 */
function info(reg: Registry, d: EppDomain, rgp: boolean): Result {
  const grace = d.status.filter((s) => RGP_ONLY.includes(s));
  const plain = d.status.filter((s) => !RGP_ONLY.includes(s));
  if (grace.some((s) => s === "redemptionPeriod" || s === "pendingRestore") && !plain.includes("pendingDelete")) plain.push("pendingDelete");
  const status = (plain.length ? plain : ["ok"]).map((s) => `<domain:status s="${s}"/>`).join("");
  const extension = rgp && grace.length ? `<rgp:infData xmlns:rgp="${RGP_NS}">${grace.map((s) => `<rgp:rgpStatus s="${s}"/>`).join("")}</rgp:infData>` : undefined;
  const common = el("domain:name", d.name) + el("domain:roid", d.roid) + status;
  if (d.clID !== reg.me) return ok(data("infData", common + el("domain:clID", d.clID)));
  const contacts = Object.entries(d.contacts).map(([type, id]) => el("domain:contact", id, { type })).join("");
  const hostAttr = (h: string) =>
    `<domain:hostAttr>${el("domain:hostName", h)}${(d.glue[h] ?? []).map((a) => el("domain:hostAddr", a, { ip: isIP(a) === 6 ? "v6" : "v4" })).join("")}</domain:hostAttr>`;
  const ns = !d.ns.length ? "" : reg.settings.hostObjects ? `<domain:ns>${d.ns.map((h) => el("domain:hostObj", h)).join("")}</domain:ns>` : `<domain:ns>${d.ns.map(hostAttr).join("")}</domain:ns>`;
  return withExtension(ok(
    data(
      "infData",
      common + el("domain:registrant", d.registrant) + contacts + ns + el("domain:clID", d.clID) + el("domain:crID", d.clID) +
        el("domain:crDate", wireDate(reg.settings, d.crDate).text) + el("domain:exDate", wireDate(reg.settings, d.exDate).text) + `<domain:authInfo>${el("domain:pw", d.authInfo)}</domain:authInfo>`,
    ),
  ), extension);
}

function create(reg: Registry, cmd: XmlElement): Result {
  const name = text(cmd, "name").toLowerCase();
  if (!DOMAIN.test(name)) return result(2005);
  if (!reg.settings.tlds.includes(name.split(".").at(-1)!)) return result(2306, "The registry does not serve this TLD");
  foreignOnFault(reg, name);
  // protocols.md §5: reserved or blocked names are refused with the registry's reason (unconf.: 2306 chosen).
  const reserved = reg.settings.reserved[name];
  if (reserved) return result(2306, reserved);
  if (reg.state.domains[name]) return result(2302);
  const period = D(cmd, "period");
  const years = Number(period?.text.trim() ?? 1);
  // protocols.md §5: unit y, 1–10; many registries refuse months (2306).
  if (period && period.attrs.unit !== "y") return result(2306, "Periods are in years");
  if (!Number.isInteger(years) || years < 1 || years > 10) return result(2004, "Period must be 1-10 years");
  const registrant = text(cmd, "registrant");
  const contacts = Object.fromEntries(childrenOf(cmd, DOMAIN_NS, "contact").map((c) => [c.attrs.type ?? "", c.text.trim()]));
  for (const id of [registrant, ...Object.values(contacts)]) {
    if (!reg.state.contacts[id]) return result(2303, `Contact ${id || "(none)"} does not exist`);
    if (reg.state.contacts[id].clID !== reg.me) return result(2201, `Contact ${id} belongs to another registrar`);
  }
  const pw = text(D(cmd, "authInfo"), "pw");
  if (!pw) return result(2003, "authInfo is required");
  if (reg.settings.authInfoPolicy && !STRONG(pw)) {
    // Identity Digital's rule (protocols.md §5); unconf.: the code (2306 chosen, some registries say 2004).
    return result(2306, "authInfo must be 8-32 characters with a letter, a digit and a special character");
  }
  const hosts = nameServers(reg, D(cmd, "ns"));
  if ("code" in hosts) return hosts;
  const now = new Date();
  const pending = reg.settings.pendingInfos;
  const d: EppDomain = {
    name, roid: reg.nextId("D"), clID: reg.me, crDate: now.toISOString(), exDate: addYears(now, years).toISOString(),
    status: [pending > 0 ? "pendingCreate" : "ok"], ns: hosts.hosts, glue: hosts.glue, registrant, contacts, authInfo: pw,
    pendingInfos: pending, renewals: 0,
  };
  const faults = reg.faults();
  if (faults.ignoreCreate) faults.ignoreCreate = false; // Fault: the answer says created, nothing is.
  else reg.state.domains[name] = d;
  const dates = el("domain:crDate", wireDate(reg.settings, d.crDate).text) + el("domain:exDate", wireDate(reg.settings, d.exDate).text);
  return ok(data("creData", el("domain:name", name) + dates), pending > 0 ? 1001 : 1000);
}

function renew(reg: Registry, cmd: XmlElement): Result {
  const d = reg.state.domains[text(cmd, "name").toLowerCase()];
  if (!d) return result(2303);
  if (d.clID !== reg.me) return result(2201);
  // RFC 5731 §2.3: clientRenewProhibited and serverRenewProhibited refuse renew, as pending states do (2304).
  const frozen = [...FROZEN, "clientRenewProhibited", "serverRenewProhibited"].find((s) => d.status.includes(s));
  if (frozen) return result(2304, `Domain is ${frozen}`);
  const period = D(cmd, "period");
  const years = Number(period?.text.trim() ?? 1);
  if (period && period.attrs.unit !== "y") return result(2306, "Periods are in years");
  if (!Number.isInteger(years) || years < 1 || years > 10) return result(2004, "Period must be 1-10 years");
  // Nomulus renew flow: a registration may run at most maxYears (10) ahead of today (2306 beyond).
  if (addYears(new Date(d.exDate), years) > addYears(new Date(), reg.settings.maxYears)) {
    return result(2306, `The expiry would be more than ${reg.settings.maxYears} years ahead`);
  }
  // RFC 5731 §3.2.3: curExpDate must equal the current expiry's date as this registry writes it (its own
  // time zone); a wrong one is 2306 here (2004 at Nomulus).
  if (text(cmd, "curExpDate") !== wireDate(reg.settings, d.exDate).day) return result(2306, "curExpDate does not match the expiry date");
  d.exDate = addYears(new Date(d.exDate), years).toISOString();
  d.renewals += 1;
  return ok(data("renData", el("domain:name", d.name) + el("domain:exDate", wireDate(reg.settings, d.exDate).text)));
}

export function domainCommand(reg: Registry, verb: string, cmd: XmlElement, rgp = false, op = ""): Result {
  settleTransfers(reg);
  const name = text(cmd, "name").toLowerCase();
  switch (verb) {
    case "check": {
      const names = childrenOf(cmd, DOMAIN_NS, "name").map((n) => n.text.trim().toLowerCase());
      if (names.length > reg.settings.maxCheck) return result(2306, `Too many resource checks requested (at most ${reg.settings.maxCheck})`);
      if (names[0]) foreignOnFault(reg, names[0]);
      const cds = names.map((n) => {
        // protocols.md §5: a reserved name is avail="0" with the registry's reason.
        const why = reg.settings.reserved[n] ?? (reg.state.domains[n] && !reg.settings.staleCheck ? "In use" : undefined);
        return `<domain:cd>${el("domain:name", n, { avail: wireBoolean(reg.settings, !why) })}${why ? el("domain:reason", why) : ""}</domain:cd>`;
      });
      return ok(data("chkData", cds.join("")));
    }
    case "info": {
      const d = reg.state.domains[name];
      // protocols.md §5: info on a reserved name is 2303.
      if (!d) return result(2303);
      if (d.clID === reg.me && d.pendingInfos > 0 && --d.pendingInfos === 0) d.status = ["ok"];
      return info(reg, d, rgp);
    }
    case "create":
      return create(reg, cmd);
    case "renew":
      return renew(reg, cmd);
    case "update":
      return updateDomain(reg, cmd);
    case "transfer":
      return transferCommand(reg, op, cmd);
    default:
      return result(2101);
  }
}
