import { done, ModuleError, pending, type Done, type Outcome } from "../contract";
import type { EppSession } from "./client";
import { asciiDomain, brokenStatus, session, unproven, type Ctx } from "./common";
import { ensureContact } from "./contact";
import { addYears, wholeYears, ymd } from "./dates";
import { addNameServers, checkDomain, createDomain, infoDomain, type DomainInfo } from "./domain";
import { ensureHost, inBailiwick, parseNameServer, validateNameServers, type NameServer } from "./host";
import { domainAuthInfo } from "./ids";
import { updateDomain } from "./commands";
import { LOCK } from "./transfer";
import { HOST_NS } from "./xml";

/** Registering a domain: create, or take over only what this service provably made; then its name servers. */

const POLL_AFTER_MS = 5 * 60_000;

/** The order's name servers (with glue for those under the domain), else the handler's defaults. */
export function nameServersFor(ctx: Ctx, domain: string): NameServer[] {
  const fromOrder = ctx.service.params.nameservers?.filter((n) => n.trim());
  const entries = fromOrder?.length ? fromOrder : (ctx.connection.nameservers?.split(/[\s,]+/).filter(Boolean) ?? []);
  const list = entries.map(parseNameServer);
  validateNameServers(list.filter((ns) => !glueMissing(ns, domain)), domain);
  return list;
}

/** A host under the domain given without its address: the registry cannot create it (RFC 5732: glue is required). */
const glueMissing = (ns: NameServer, domain: string) => inBailiwick(ns, domain) && !ns.addrs.length;

/**
 * The name servers the registration can carry. Hosts under the domain without an address are left out rather
 * than refusing the paid registration: a follow-up change asks for them, and becomes a task for a person.
 */
function usable(ctx: Ctx, domain: string): { list: NameServer[]; leftOut: string[] } {
  const all = nameServersFor(ctx, domain);
  const leftOut = all.filter((ns) => glueMissing(ns, domain)).map((ns) => ns.name);
  if (leftOut.length) ctx.log.line(`registering without ${leftOut.join(", ")}: under ${domain} but given without an IP address`);
  return { list: all.filter((ns) => !glueMissing(ns, domain)), leftOut };
}

function doneFor(ctx: Ctx, info: DomainInfo, adopted: boolean, leftOut: string[]): Done {
  const expiresAt = info.exDate ?? addYears(new Date(), wholeYears(ctx.service.months));
  const details: Record<string, string> = { domain: info.name, expires_at: ymd(expiresAt), nameservers: info.ns.join(", "), locked: info.status.includes(LOCK) ? "yes" : "no" };
  const secrets = { authInfo: domainAuthInfo(ctx.service) };
  // The missing hosts come back as a change of name servers, which stops at a person for their addresses.
  const followUp = leftOut.length ? { kind: "manage" as const, params: { action: "nameservers", nameservers: ctx.service.params.nameservers ?? [] } } : undefined;
  if (leftOut.length) details.nameservers_waiting = leftOut.join(", ");
  // The roid names this registration: a later re-registration of the name (ours or not) has another.
  return done({ remoteId: info.roid || info.name, details, secrets, expiresAt, ...(adopted ? { adopted } : {}), ...(followUp ? { followUp } : {}) });
}

/**
 * Host objects (where the registry has them) that the domain does not list yet: external ones exist before the
 * create; hosts under the domain get their glue now that the domain exists; then one domain:update adds them.
 */
async function attachNameServers(s: EppSession, info: DomainInfo, list: NameServer[]): Promise<DomainInfo> {
  if (!s.services.has(HOST_NS)) return info;
  const missing = list.filter((ns) => !info.ns.includes(ns.name));
  if (!missing.length) return info;
  for (const ns of missing) await ensureHost(s, ns);
  await addNameServers(s, info.name, missing);
  return { ...info, ns: [...info.ns, ...missing.map((ns) => ns.name)] };
}

/** Done or pending for a domain that is ours by proof, healthy, and now carries its name servers. */
async function finish(ctx: Ctx, s: EppSession, info: DomainInfo, adopted: boolean): Promise<Outcome> {
  const broken = brokenStatus(info.status);
  if (broken) throw new ModuleError("exists_broken", `${info.name} is registered for this service but is ${broken}: a person decides`, false);
  if (info.status.includes("pendingCreate")) {
    return pending({ remoteTask: { domain: info.name, adopted }, remoteId: info.roid || info.name, pollAfterMs: POLL_AFTER_MS });
  }
  const { list, leftOut } = usable(ctx, info.name);
  const attached = await attachNameServers(s, info, list);
  // The registrar lock is on from the start (clientTransferProhibited); the client may lift it later.
  if (!attached.status.includes(LOCK)) {
    await updateDomain(s, info.name, { addStatus: [LOCK] }).catch(async (error: unknown) => {
      // Another try set it meanwhile (2306: already set): fine when info shows it.
      if (!(error instanceof ModuleError) || error.code !== "policy" || !(await infoDomain(s, info.name))?.status.includes(LOCK)) throw error;
    });
    attached.status = [...attached.status.filter((st) => st !== "ok"), LOCK];
  }
  return doneFor(ctx, attached, adopted, leftOut);
}

/** The name is taken: ours only with proof; a reserved or blocked name (check avail=0, info 2303) is final at once. */
async function takeOver(ctx: Ctx, s: EppSession, name: string, reason: string | undefined): Promise<Outcome> {
  const info = await infoDomain(s, name);
  if (!info) throw new ModuleError("unavailable", `The registry does not offer ${name}: ${reason ?? "not available"}`, false);
  const why = unproven(ctx, info);
  if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
  ctx.log.line(`${name} carries this service's authInfo and registrant (roid ${info.roid}): adopted`);
  return finish(ctx, s, info, true);
}

export async function open(ctx: Ctx): Promise<Outcome> {
  const { connection: conn, service, log } = ctx;
  const name = asciiDomain(service.remoteName);
  const years = wholeYears(service.months);
  const authInfo = domainAuthInfo(service);
  const nameservers = usable(ctx, name).list;
  return session(ctx, async (s) => {
    const check = await checkDomain(s, name);
    if (!check.avail) return takeOver(ctx, s, name, check.reason);
    const contact = await ensureContact(s, log, conn, service.client);
    // Registries with host objects need them before the create; those under the domain can only follow it.
    const hostObjects = s.services.has(HOST_NS);
    const first = hostObjects ? nameservers.filter((ns) => !inBailiwick(ns, name)) : nameservers;
    if (hostObjects) for (const ns of first) await ensureHost(s, ns);
    try {
      await createDomain(s, { name, years, nameservers: first, contact, authInfo });
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
      // protocols.md §5: a re-create answers 2302 even for our own domain; info and the proof tell whose it is.
      return takeOver(ctx, s, name, undefined);
    }
    // Success is positive: the domain must be there, with the authInfo this service just set.
    const info = await infoDomain(s, name);
    if (!info) throw new ModuleError("not_confirmed", `The registry answered the create of ${name}, but does not know the domain`, true);
    const why = unproven(ctx, info);
    if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
    return finish(ctx, s, info, false);
  });
}

/** A pending create: info until the registry finishes it. */
export async function pollCreate(ctx: Ctx, remoteTask: Record<string, unknown>): Promise<Outcome> {
  const name = asciiDomain(String(remoteTask.domain ?? ctx.service.remoteName));
  return session(ctx, async (s) => {
    const info = await infoDomain(s, name);
    if (!info) throw new ModuleError("registration_rejected", `The registry dropped the pending create of ${name}`, false);
    const why = unproven(ctx, info);
    if (why) throw new ModuleError("exists_foreign", `${name} is registered, but not by this service: ${why}`, false);
    return finish(ctx, s, info, remoteTask.adopted === true);
  });
}
