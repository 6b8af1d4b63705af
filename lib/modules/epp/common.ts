import { domainToASCII } from "node:url";
import { ModuleError, type OperationContext } from "../contract";
import { secret, withSession, type EppConnection, type EppSession } from "./client";
import type { DomainInfo } from "./domain";
import { contactHandle, domainAuthInfo } from "./ids";

export type Ctx = OperationContext<EppConnection>;

/**
 * RFC 5731 §2.3 and RFC 3915: a domain in these states is not simply active; a person looks at it. The RGP
 * states come first: a domain in redemption also carries the domain status pendingDelete, and says more.
 */
const BROKEN = ["redemptionPeriod", "pendingRestore", "pendingDelete", "serverHold", "clientHold"];
export const brokenStatus = (status: string[]) => BROKEN.find((s) => status.includes(s));

/** A session whose log also hides the service's password and the domain's authInfo, which info answers carry to the sponsor. */
export function session<T>(ctx: Ctx, work: (s: EppSession) => Promise<T>): Promise<T> {
  secret(ctx.log, ctx.service.secrets.password);
  if (ctx.service.secrets.password || ctx.service.secrets.authInfo) secret(ctx.log, domainAuthInfo(ctx.service));
  return withSession(ctx.connection, ctx.log, work);
}

export function asciiDomain(name: string): string {
  const ascii = domainToASCII(name.trim().toLowerCase());
  if (!ascii || !ascii.includes(".")) throw new ModuleError("invalid_domain", `'${name}' is not a domain name`, false);
  return ascii;
}

/**
 * Proof that a registered domain belongs to this service (protocols.md §5, "Ownership"): our registrar sponsors
 * it (one account holds the domains of every client), and it carries the authInfo this service set and this
 * client's registrant contact. Returns why not, or null when it is ours. Used before taking a domain over.
 */
export function unproven(ctx: Ctx, info: DomainInfo): string | null {
  if (info.clID !== ctx.connection.username) return `held by another registrar (${info.clID})`;
  if (info.authInfo !== domainAuthInfo(ctx.service)) return "registered by our account for someone else: another authInfo";
  if (info.registrant !== contactHandle(ctx.connection, ctx.service.client.id)) return `registered by our account for someone else: registrant ${info.registrant ?? "unknown"}`;
  return null;
}

/** A registry object id (RFC 5730 roidType, e.g. "D12-SIM"): what open stores as the remote id. Older services stored the name. */
const isRoid = (id: string) => !id.includes(".");

/**
 * Whether later operations (renew, sync) may act on this domain: the registration whose roid the service
 * stored (a domain that lapsed and was registered again has a new roid), else the proof above, else (our
 * sponsor only) a domain a person registered by hand and named on the task, or one stored by name.
 */
export function notOurs(ctx: Ctx, info: DomainInfo): string | null {
  if (info.clID !== ctx.connection.username) return `held by another registrar (${info.clID})`;
  const { remoteId, details } = ctx.service;
  if (remoteId && isRoid(remoteId)) {
    return info.roid === remoteId ? null : `registered again since (roid ${info.roid || "unknown"}, this service's was ${remoteId})`;
  }
  const why = unproven(ctx, info);
  if (!why) return null;
  const named = [remoteId, details.domain].some((v) => typeof v === "string" && domainToASCII(v.trim().toLowerCase()) === info.name.toLowerCase());
  return named ? null : why;
}
