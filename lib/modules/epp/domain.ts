import { isIP } from "node:net";
import { ModuleError } from "../contract";
import { replyError, type EppSession } from "./client";
import { parseDateTime } from "./dates";
import type { NameServer } from "./host";
import { childOf, childrenOf, DOMAIN_NS, el, EPP_NS, find, findAll, HOST_NS, RGP_NS, textIn, xsBoolean } from "./xml";

/** RFC 5731 domain commands. */

export type DomainInfo = {
  name: string;
  roid: string;
  clID: string;
  status: string[];
  exDate?: Date;
  /** The expiry's calendar date as the registry wrote it (its curExpDate), whatever its time zone. */
  exDay?: string;
  ns: string[];
  registrant?: string;
  /** Only the sponsoring registrar sees it (RFC 5731 §3.1.2). */
  authInfo?: string;
};

const domainCommand = (verb: string, inner: string) =>
  `<${verb}><domain:${verb} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${verb}></${verb}>`;

const dateOf = (value: string | undefined): Date | undefined => parseDateTime(value)?.at;

/** Whether the name is available, and the registry's reason when it is not (reserved, blocked, in use). */
export async function checkDomain(session: EppSession, name: string): Promise<{ avail: boolean; reason?: string }> {
  const reply = await session.command(domainCommand("check", el("domain:name", name)), `check ${name}`);
  if (reply.code !== 1000) throw replyError(reply, "check");
  const cd = findAll(reply.response, DOMAIN_NS, "cd").find((c) => childOf(c, DOMAIN_NS, "name")?.text.trim().toLowerCase() === name);
  // domain-1.0.xsd checkNameType: avail is an xs:boolean, so "true"/"false" as well as "1"/"0".
  const avail = xsBoolean(childOf(cd, DOMAIN_NS, "name")?.attrs.avail);
  if (!cd || avail === undefined) throw new ModuleError("bad_response", `EPP check: no answer for ${name}`, true);
  return { avail, reason: childOf(cd, DOMAIN_NS, "reason")?.text.trim() || undefined };
}

/** The domain, or null when the registry does not know it (2303). */
export async function infoDomain(session: EppSession, name: string): Promise<DomainInfo | null> {
  const reply = await session.command(domainCommand("info", el("domain:name", name, { hosts: "all" })), `info ${name}`);
  if (reply.code === 2303) return null;
  // Some registries refuse info on another registrar's domain instead of answering without authInfo.
  if (reply.code === 2201) return { name, roid: "", clID: "(another registrar)", status: [], ns: [] };
  if (reply.code !== 1000) throw replyError(reply, "info");
  const data = find(reply.response, DOMAIN_NS, "infData");
  if (!data) throw new ModuleError("bad_response", `EPP info ${name}: no infData`, true);
  const ns = childOf(data, DOMAIN_NS, "ns");
  const expiry = parseDateTime(textIn(data, DOMAIN_NS, "exDate"));
  return {
    name: textIn(data, DOMAIN_NS, "name") ?? name,
    roid: textIn(data, DOMAIN_NS, "roid") ?? "",
    clID: textIn(data, DOMAIN_NS, "clID") ?? "",
    // Domain statuses, then RFC 3915 rgpStatus values from the extension (redemptionPeriod, pendingRestore, …).
    status: [...new Set([...childrenOf(data, DOMAIN_NS, "status"), ...findAll(childOf(reply.response, EPP_NS, "extension"), RGP_NS, "rgpStatus")].map((s) => s.attrs.s?.trim() ?? ""))],
    exDate: expiry?.at,
    exDay: expiry?.day,
    ns: [...childrenOf(ns, DOMAIN_NS, "hostObj"), ...childrenOf(ns, DOMAIN_NS, "hostAttr").map((a) => childOf(a, DOMAIN_NS, "hostName"))]
      .map((h) => h?.text.trim().toLowerCase() ?? "")
      .filter(Boolean),
    registrant: textIn(data, DOMAIN_NS, "registrant"),
    authInfo: textIn(childOf(data, DOMAIN_NS, "authInfo"), DOMAIN_NS, "pw"),
  };
}

/** host objects (hostObj) where the registry offers host-1.0, otherwise host attributes with their glue. */
function nsElement(session: EppSession, list: NameServer[]): string {
  if (!list.length) return "";
  if (session.services.has(HOST_NS)) return `<domain:ns>${list.map((h) => el("domain:hostObj", h.name)).join("")}</domain:ns>`;
  const attr = (h: NameServer) =>
    `<domain:hostAttr>${el("domain:hostName", h.name)}${h.addrs.map((a) => el("domain:hostAddr", a, { ip: isIP(a) === 6 ? "v6" : "v4" })).join("")}</domain:hostAttr>`;
  return `<domain:ns>${list.map(attr).join("")}</domain:ns>`;
}

export type CreateInput = { name: string; years: number; nameservers: NameServer[]; contact: string; authInfo: string };

/** 1000 with the expiry, or 1001: the registry finishes the create later. */
export async function createDomain(session: EppSession, input: CreateInput): Promise<{ pending: boolean; exDate?: Date }> {
  const contacts = ["admin", "tech", "billing"].map((type) => el("domain:contact", input.contact, { type })).join("");
  const inner =
    el("domain:name", input.name) +
    el("domain:period", input.years, { unit: "y" }) +
    nsElement(session, input.nameservers) +
    el("domain:registrant", input.contact) +
    contacts +
    `<domain:authInfo>${el("domain:pw", input.authInfo)}</domain:authInfo>`;
  const reply = await session.command(domainCommand("create", inner), `create ${input.name}`);
  if (reply.code !== 1000 && reply.code !== 1001) throw replyError(reply, "create");
  return { pending: reply.code === 1001, exDate: dateOf(textIn(reply.response, DOMAIN_NS, "exDate")) };
}

/** domain:update adding name servers (host objects that exist by now). */
export async function addNameServers(session: EppSession, name: string, list: NameServer[]): Promise<void> {
  const inner = el("domain:name", name) + `<domain:add>${nsElement(session, list)}</domain:add>`;
  const reply = await session.command(domainCommand("update", inner), `update ${name}`);
  if (reply.code !== 1000 && reply.code !== 1001) throw replyError(reply, "update");
}

/** curExpDate (YYYY-MM-DD) is the registry's guard against renewing twice. */
export async function renewDomain(session: EppSession, name: string, curExpDate: string, years: number): Promise<Date | undefined> {
  const inner = el("domain:name", name) + el("domain:curExpDate", curExpDate) + el("domain:period", years, { unit: "y" });
  const reply = await session.command(domainCommand("renew", inner), `renew ${name}`);
  if (reply.code !== 1000) throw replyError(reply, "renew");
  return dateOf(textIn(reply.response, DOMAIN_NS, "exDate"));
}
