import { done, ModuleError, type Outcome } from "../contract";
import { secret, type EppSession } from "./client";
import { infoHost, setHostAddresses, updateDomain } from "./commands";
import { asciiDomain, notOurs, session, type Ctx } from "./common";
import { updateContact } from "./contact";
import { infoDomain, type DomainInfo } from "./domain";
import { ensureHost, inBailiwick, parseNameServer, validateNameServers, type NameServer } from "./host";
import { randomAuthInfo } from "./ids";
import { LOCK } from "./transfer";
import { HOST_NS } from "./xml";

/**
 * Changes to a registered domain after purchase (the `manage` operation, params.action): its name servers, the
 * registrar lock, a new auth code, and the registrant contact from the client's profile. Each reads the domain
 * first, so a retry after a lost answer finds the change made and is done without sending it again.
 */

export const manageActions = ["nameservers", "lock", "authcode", "contact"] as const;
export type ManageAction = (typeof manageActions)[number];

/** RFC 5731 §2.3: while these are set the registry refuses updates; the words say why for a person. */
const BUSY: Record<string, string> = {
  pendingTransfer: "is being transferred",
  pendingDelete: "is being deleted",
  redemptionPeriod: "is in its redemption period after expiry",
  pendingRestore: "is being restored",
  pendingCreate: "is still being registered",
  serverUpdateProhibited: "is locked against changes by the registry",
  clientUpdateProhibited: "is locked against changes",
};

async function ownDomain(ctx: Ctx, s: EppSession, name: string): Promise<DomainInfo> {
  const info = await infoDomain(s, name);
  if (!info) throw new ModuleError("not_found", `The registry does not know ${name}`, false);
  const why = notOurs(ctx, info);
  if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
  const busy = Object.keys(BUSY).find((s) => info.status.includes(s));
  if (busy) throw new ModuleError("status_prohibits", `${name} cannot be changed now: it ${BUSY[busy]}`, false);
  return info;
}

/** The new list: host names checked, glue for hosts under the domain, none for the others; 1–13 of them. */
export function nameServerList(entries: unknown, domain: string): NameServer[] {
  const list = (Array.isArray(entries) ? entries : []).map(String).filter((e) => e.trim()).map(parseNameServer);
  if (!list.length || list.length > 13) throw new ModuleError("invalid_nameserver", "Give between 1 and 13 name servers", false);
  if (new Set(list.map((n) => n.name)).size !== list.length) throw new ModuleError("invalid_nameserver", "A name server is listed twice", false);
  validateNameServers(list, domain);
  return list;
}

/** Hosts under the domain exist with exactly their glue (host:info, then host:create or host:update); others exist. */
async function prepareHosts(ctx: Ctx, s: EppSession, name: string, list: NameServer[]) {
  if (!s.services.has(HOST_NS)) return;
  for (const ns of list) {
    if (!inBailiwick(ns, name)) {
      await ensureHost(s, ns);
      continue;
    }
    const host = await infoHost(s, ns.name);
    if (!host) await ensureHost(s, ns);
    else if (host.clID !== ctx.connection.username) throw new ModuleError("host_foreign", `The name server ${ns.name} belongs to another registrar`, false);
    else await setHostAddresses(s, ns.name, host.addrs, ns.addrs);
  }
}

async function changeNameServers(ctx: Ctx, name: string): Promise<Outcome> {
  const list = nameServerList(ctx.params.nameservers, name);
  return session(ctx, async (s) => {
    const info = await ownDomain(ctx, s, name);
    await prepareHosts(ctx, s, name, list);
    const wanted = list.map((n) => n.name);
    const addNs = list.filter((n) => !info.ns.includes(n.name));
    const remNs = info.ns.filter((h) => !wanted.includes(h));
    if (addNs.length || remNs.length) await updateDomain(s, name, { addNs, remNs });
    else ctx.log.line(`${name} already has these name servers`);
    return done({ details: { nameservers: wanted.join(", ") } });
  });
}

async function setLock(ctx: Ctx, name: string): Promise<Outcome> {
  const locked = ctx.params.locked === true;
  return session(ctx, async (s) => {
    const info = await ownDomain(ctx, s, name);
    const has = info.status.includes(LOCK);
    if (has !== locked) await updateDomain(s, name, locked ? { addStatus: [LOCK] } : { remStatus: [LOCK] });
    return done({ details: { locked: locked ? "yes" : "no" } });
  });
}

/** A new auth code: the old one stops working at once; the service keeps the new one among its secrets. */
async function newAuthCode(ctx: Ctx, name: string): Promise<Outcome> {
  const authInfo = randomAuthInfo();
  secret(ctx.log, authInfo);
  return session(ctx, async (s) => {
    await ownDomain(ctx, s, name);
    await updateDomain(s, name, { authInfo });
    return done({ secrets: { authInfo } });
  });
}

async function contact(ctx: Ctx, name: string): Promise<Outcome> {
  return session(ctx, async (s) => {
    await ownDomain(ctx, s, name);
    const handle = await updateContact(s, ctx.log, ctx.connection, ctx.service.client);
    return done({ details: { registrant: handle } });
  });
}

export function manage(ctx: Ctx): Promise<Outcome> {
  const name = asciiDomain(ctx.service.remoteName);
  switch (ctx.params.action as ManageAction) {
    case "nameservers":
      return changeNameServers(ctx, name);
    case "lock":
      return setLock(ctx, name);
    case "authcode":
      return newAuthCode(ctx, name);
    case "contact":
      return contact(ctx, name);
    default:
      throw new ModuleError("unsupported", `Unknown domain change '${String(ctx.params.action)}'`, false);
  }
}
