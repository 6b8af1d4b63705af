import { done, ModuleError, type OperationContext, type Outcome } from "../contract";
import { parseNameServer, validateNameServers } from "../epp/host";
import { srs, type WebnamesConnection } from "./client";

/**
 * Changes after purchase through RegTimeSRS.pl (protocols.md §5). Its pages cover name servers
 * (pispRedelegation, ns0..ns3 with ns0ip..) and renewal; there is no page for a transfer in, a registrar lock,
 * the auth code or the registrant's contact, so those are refused in plain words rather than guessed.
 */

type Ctx = OperationContext<WebnamesConnection>;

/** The registry's limit on how far ahead a registration may run (unconf. for Webnames: the registries' ten years). */
export const MAX_YEARS = 10;

const NOT_OFFERED: Record<string, string> = {
  lock: "a registrar lock",
  authcode: "the auth code",
  contact: "the registrant's contact details",
};

/** ns0..ns3, with nsNip for a host under the domain (its glue); at most four, as the form has. */
export function redelegationFields(entries: unknown, domain: string): Record<string, string> {
  const list = (Array.isArray(entries) ? entries : []).map(String).filter((e) => e.trim()).map(parseNameServer);
  if (!list.length || list.length > 4) throw new ModuleError("invalid_nameserver", "Webnames takes between 1 and 4 name servers", false);
  validateNameServers(list, domain);
  const fields: Record<string, string> = {};
  list.forEach((ns, i) => {
    fields[`ns${i}`] = ns.name;
    if (ns.addrs.length) fields[`ns${i}ip`] = ns.addrs.join(",");
  });
  return fields;
}

export async function manage(ctx: Ctx, domain: string): Promise<Outcome> {
  const action = String(ctx.params.action);
  if (action !== "nameservers") {
    const what = NOT_OFFERED[action] ?? `'${action}'`;
    throw new ModuleError("not_offered", `Webnames' interface has no way to change ${what}: it is done in the Webnames account`, false);
  }
  const fields = redelegationFields(ctx.params.nameservers, domain);
  await srs(ctx.connection, ctx.log, "pispRedelegation", { domain_name: domain, ...fields });
  const names = Object.entries(fields).filter(([k]) => /^ns\d$/.test(k)).map(([, v]) => v);
  return done({ details: { nameservers: names.join(", ") } });
}

/** A transfer in cannot be ordered through Webnames' interface. */
export function transferNotOffered(domain: string): never {
  throw new ModuleError("not_offered", `Transfers in are not offered through Webnames' interface: ${domain} cannot be transferred automatically`, false);
}

/** Refuses a renewal that would take the expiry past the maximum before anything is sent. */
export function checkMaximum(domain: string, expiresAt: Date | null, years: number) {
  const from = expiresAt && expiresAt > new Date() ? expiresAt : new Date();
  const to = new Date(from);
  to.setUTCFullYear(to.getUTCFullYear() + years);
  const limit = new Date();
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_YEARS);
  if (to > limit) throw new ModuleError("max_years", `${domain} can run at most ${MAX_YEARS} years ahead: renewing it by ${years} years is more than the registry allows`, false);
}
