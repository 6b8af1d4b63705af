import { isIP } from "node:net";
import { ModuleError } from "../contract";
import { replyError, type EppSession } from "./client";
import { parseDateTime } from "./dates";
import type { NameServer } from "./host";
import { childOf, childrenOf, DOMAIN_NS, el, EPP_NS, find, HOST_NS, textIn } from "./xml";

/** RFC 5731 domain:update and domain:transfer, RFC 5732 host:info and host:update, RFC 5730 poll: what managing a domain sends. */

const domainCommand = (verb: string, inner: string, attrs = "") =>
  `<${verb}${attrs}><domain:${verb} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${verb}></${verb}>`;
const hostCommand = (verb: string, inner: string) => `<${verb}><host:${verb} xmlns:host="${HOST_NS}">${inner}</host:${verb}></${verb}>`;
const ipOf = (a: string) => (isIP(a) === 6 ? "v6" : "v4");

export type DomainChange = { addNs?: NameServer[]; remNs?: string[]; addStatus?: string[]; remStatus?: string[]; authInfo?: string };

/** domain:update in the schema's order: add (ns, status), rem (ns, status), chg (authInfo); host objects or attributes as the registry takes them. */
export async function updateDomain(session: EppSession, name: string, change: DomainChange): Promise<void> {
  const objects = session.services.has(HOST_NS);
  const nsAdd = (list: NameServer[]) =>
    list.map((h) => (objects ? el("domain:hostObj", h.name) : `<domain:hostAttr>${el("domain:hostName", h.name)}${h.addrs.map((a) => el("domain:hostAddr", a, { ip: ipOf(a) })).join("")}</domain:hostAttr>`)).join("");
  const nsRem = (list: string[]) => list.map((h) => (objects ? el("domain:hostObj", h) : `<domain:hostAttr>${el("domain:hostName", h)}</domain:hostAttr>`)).join("");
  const status = (list: string[] = []) => list.map((s) => `<domain:status s="${s}"/>`).join("");
  const part = (tag: string, ns: string, statuses: string) => (ns || statuses ? `<domain:${tag}>${ns ? `<domain:ns>${ns}</domain:ns>` : ""}${statuses}</domain:${tag}>` : "");
  const inner =
    el("domain:name", name) +
    part("add", nsAdd(change.addNs ?? []), status(change.addStatus)) +
    part("rem", nsRem(change.remNs ?? []), status(change.remStatus)) +
    (change.authInfo ? `<domain:chg><domain:authInfo>${el("domain:pw", change.authInfo)}</domain:authInfo></domain:chg>` : "");
  const reply = await session.command(domainCommand("update", inner), `update ${name}`);
  if (reply.code !== 1000 && reply.code !== 1001) throw replyError(reply, "update");
}

export type TransferState = {
  trStatus: string; reID: string; acID: string; reDate?: Date; acDate?: Date; exDate?: Date;
};

function readTransfer(data: ReturnType<typeof find>): TransferState {
  const text = (local: string) => textIn(data, DOMAIN_NS, local) ?? "";
  return {
    trStatus: text("trStatus"), reID: text("reID"), acID: text("acID"),
    reDate: parseDateTime(text("reDate"))?.at, acDate: parseDateTime(text("acDate"))?.at, exDate: parseDateTime(text("exDate"))?.at,
  };
}

/** domain:transfer op=request with the registrant's authInfo: the registry's trnData (1001 pending, or 1000 done at once). */
export async function requestTransfer(session: EppSession, name: string, authInfo: string, years: number): Promise<TransferState> {
  const inner = el("domain:name", name) + el("domain:period", years, { unit: "y" }) + `<domain:authInfo>${el("domain:pw", authInfo)}</domain:authInfo>`;
  const reply = await session.command(domainCommand("transfer", inner, ` op="request"`), `transfer request ${name}`);
  if (reply.code !== 1000 && reply.code !== 1001) throw replyError(reply, "transfer request");
  const data = find(reply.response, DOMAIN_NS, "trnData");
  if (!data) throw new ModuleError("bad_response", `EPP transfer request ${name}: no trnData`, true);
  return readTransfer(data);
}

/** domain:transfer op=query or cancel: the last transfer's state, or null when the registry has none on record (2301). */
export async function transferOp(session: EppSession, op: "query" | "cancel", name: string): Promise<TransferState | null> {
  const reply = await session.command(domainCommand("transfer", el("domain:name", name), ` op="${op}"`), `transfer ${op} ${name}`);
  if (reply.code === 2301) return null;
  if (reply.code !== 1000) throw replyError(reply, `transfer ${op}`);
  const data = find(reply.response, DOMAIN_NS, "trnData");
  if (!data) throw new ModuleError("bad_response", `EPP transfer ${op} ${name}: no trnData`, true);
  return readTransfer(data);
}

export type QueueMessage = { id: string; count: number; msg: string; domain?: string; transfer?: TransferState };

/** poll op=req: the oldest message of this registrar's queue (1301), or null when it is empty (1300). */
export async function pollMessage(session: EppSession): Promise<QueueMessage | null> {
  const reply = await session.command(`<poll op="req"/>`, "poll");
  if (reply.code === 1300) return null;
  if (reply.code !== 1301) throw replyError(reply, "poll");
  const q = childOf(reply.response, EPP_NS, "msgQ");
  const data = find(reply.response, DOMAIN_NS, "trnData");
  return {
    id: q?.attrs.id ?? "", count: Number(q?.attrs.count ?? 0), msg: childOf(q, EPP_NS, "msg")?.text.trim() ?? "",
    domain: textIn(data, DOMAIN_NS, "name")?.toLowerCase(), transfer: data ? readTransfer(data) : undefined,
  };
}

/** poll op=ack: takes the message off the queue. */
export async function ackMessage(session: EppSession, id: string): Promise<void> {
  const reply = await session.command(`<poll op="ack" msgID="${id.replace(/[^A-Za-z0-9._-]/g, "")}"/>`, "poll ack");
  if (reply.code !== 1000 && reply.code !== 2303) throw replyError(reply, "poll ack");
}

/** host:info: the host's addresses and sponsor, or null when the registry does not know it. */
export async function infoHost(session: EppSession, name: string): Promise<{ addrs: string[]; clID: string } | null> {
  const reply = await session.command(hostCommand("info", el("host:name", name)), `host info ${name}`);
  if (reply.code === 2303) return null;
  if (reply.code !== 1000) throw replyError(reply, "host info");
  const data = find(reply.response, HOST_NS, "infData");
  return { addrs: childrenOf(data, HOST_NS, "addr").map((a) => a.text.trim()), clID: textIn(data, HOST_NS, "clID") ?? "" };
}

/** host:update moving a host's glue to the given addresses. */
export async function setHostAddresses(session: EppSession, name: string, from: string[], to: string[]): Promise<void> {
  const add = to.filter((a) => !from.includes(a));
  const rem = from.filter((a) => !to.includes(a));
  if (!add.length && !rem.length) return;
  const addrs = (list: string[]) => list.map((a) => el("host:addr", a, { ip: ipOf(a) })).join("");
  const inner = el("host:name", name) + (add.length ? `<host:add>${addrs(add)}</host:add>` : "") + (rem.length ? `<host:rem>${addrs(rem)}</host:rem>` : "");
  const reply = await session.command(hostCommand("update", inner), `host update ${name}`);
  if (reply.code !== 1000) throw replyError(reply, "host update");
}
