import { randomBytes } from "node:crypto";
import { ModuleError, type AttemptLog, type ServiceInfo } from "../contract";
import { replyError, secret, type EppSession } from "./client";
import { attrOf, CONTACT_NS, DOMAIN_NS, el, elements, textOf, textsOf } from "./xml";

/** RFC 5731 domain commands and the RFC 5733 contact create they need. */

export type DomainInfo = { name: string; roid: string; clID: string; status: string[]; exDate?: Date; ns: string[] };

const domainCommand = (verb: string, inner: string) =>
  `<${verb}><domain:${verb} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${verb}></${verb}>`;
const contactCommand = (verb: string, inner: string) =>
  `<${verb}><contact:${verb} xmlns:contact="${CONTACT_NS}">${inner}</contact:${verb}></${verb}>`;

function dateOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function checkDomain(session: EppSession, name: string): Promise<boolean> {
  const reply = await session.command(domainCommand("check", el("domain:name", name)), `check ${name}`);
  if (reply.code !== 1000) throw replyError(reply, "check");
  const cd = elements(reply.xml, "name").find((e) => e.inner.trim().toLowerCase() === name);
  if (!cd) throw new ModuleError("bad_response", `EPP check: no answer for ${name}`, true);
  const avail = attrOf(cd.attrs, "avail");
  return avail === "1" || avail === "true";
}

/** The domain, or null when the registry does not know it (2303). */
export async function infoDomain(session: EppSession, name: string): Promise<DomainInfo | null> {
  const reply = await session.command(domainCommand("info", el("domain:name", name, { hosts: "all" })), `info ${name}`);
  if (reply.code === 2303) return null;
  // Some registries refuse info on another registrar's domain instead of answering without authInfo.
  if (reply.code === 2201) return { name, roid: "", clID: "(another registrar)", status: [], ns: [] };
  if (reply.code !== 1000) throw replyError(reply, "info");
  return {
    name: textOf(reply.xml, "name") ?? name,
    roid: textOf(reply.xml, "roid") ?? "",
    clID: textOf(reply.xml, "clID") ?? "",
    status: elements(reply.xml, "status").map((e) => attrOf(e.attrs, "s") ?? ""),
    exDate: dateOf(textOf(reply.xml, "exDate")),
    ns: textsOf(reply.xml, "hostObj"),
  };
}

export type CreateInput = { name: string; years: number; nameservers: string[]; contact: string; authInfo: string };

/** 1000 with the expiry, or 1001: the registry finishes the create later. */
export async function createDomain(session: EppSession, input: CreateInput): Promise<{ pending: boolean; exDate?: Date }> {
  const contacts = ["admin", "tech", "billing"].map((type) => el("domain:contact", input.contact, { type })).join("");
  const ns = input.nameservers.length ? `<domain:ns>${input.nameservers.map((h) => el("domain:hostObj", h)).join("")}</domain:ns>` : "";
  const inner =
    el("domain:name", input.name) +
    el("domain:period", input.years, { unit: "y" }) +
    ns +
    el("domain:registrant", input.contact) +
    contacts +
    `<domain:authInfo>${el("domain:pw", input.authInfo)}</domain:authInfo>`;
  const reply = await session.command(domainCommand("create", inner), `create ${input.name}`);
  if (reply.code !== 1000 && reply.code !== 1001) throw replyError(reply, "create");
  return { pending: reply.code === 1001, exDate: dateOf(textOf(reply.xml, "exDate")) };
}

/** curExpDate (YYYY-MM-DD) is the registry's guard against renewing twice. */
export async function renewDomain(session: EppSession, name: string, curExpDate: string, years: number): Promise<Date | undefined> {
  const inner = el("domain:name", name) + el("domain:curExpDate", curExpDate) + el("domain:period", years, { unit: "y" });
  const reply = await session.command(domainCommand("renew", inner), `renew ${name}`);
  if (reply.code !== 1000) throw replyError(reply, "renew");
  return dateOf(textOf(reply.xml, "exDate"));
}

/** The client's contact handle: 3–16 characters (RFC 5730 clIDType), the same on every try. */
export const contactIdFor = (client: ServiceInfo["client"]) => `pvc${client.id}`;

/** Creates the client's contact, or finds ours from an earlier order; refuses a handle someone else holds. */
export async function ensureContact(session: EppSession, log: AttemptLog, client: ServiceInfo["client"], clID: string): Promise<string> {
  const id = contactIdFor(client);
  const cc = client.country?.trim().toUpperCase() ?? "";
  if (!/^[A-Z]{2}$/.test(cc) || !client.city) {
    throw new ModuleError("contact_incomplete", "The registry needs the client's city and two-letter country code: fill them in the client's profile", false);
  }
  const pw = randomBytes(12).toString("base64url");
  secret(log, pw);
  const addr = `<contact:addr>${client.address ? el("contact:street", client.address) : ""}${el("contact:city", client.city)}${el("contact:cc", cc)}</contact:addr>`;
  const voice = client.phone && /^\+\d{1,3}\.\d{1,14}$/.test(client.phone) ? el("contact:voice", client.phone) : "";
  const inner =
    el("contact:id", id) +
    `<contact:postalInfo type="int">${el("contact:name", client.name)}${addr}</contact:postalInfo>` +
    voice +
    el("contact:email", client.email) +
    `<contact:authInfo>${el("contact:pw", pw)}</contact:authInfo>`;
  const reply = await session.command(contactCommand("create", inner), `contact create ${id}`);
  if (reply.code === 1000) return id;
  if (reply.code !== 2302) throw replyError(reply, "contact create");
  const info = await session.command(contactCommand("info", el("contact:id", id)), `contact info ${id}`);
  if (info.code === 1000 && textOf(info.xml, "clID") === clID) return id;
  throw new ModuleError("contact_foreign", `The registry holds a contact '${id}' of another registrar`, false);
}
