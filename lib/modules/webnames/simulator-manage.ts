import { isIP } from "node:net";
import type { WnDomain } from "./simulator";

/**
 * pispRedelegation (protocols.md §5: ns0..ns3 with ns0ip..) and the renewal limit of the simulated Webnames
 * account. §5 names the page and its fields only: every rule and wording here is (unconf.), modelled on the
 * registries' own rules (glue only for hosts under the domain, at most ten years ahead).
 */

type Params = Record<string, string>;

export const MAX_YEARS = 10;

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** The new name servers of one of the account's domains, or the registrar's error line. */
export function redelegate(domain: WnDomain | undefined, p: Params, notFound: (d: string) => string): string {
  if (!domain || domain.owner !== "us") return notFound(p.domain_name ?? "");
  if (domain.status !== "approved") return `Error: Domain ${domain.name} is not approved yet, name servers cannot be changed`;
  const slots = [0, 1, 2, 3].map((i) => ({ host: (p[`ns${i}`] ?? "").trim().toLowerCase(), ip: (p[`ns${i}ip`] ?? "").trim() })).filter((s) => s.host || s.ip);
  if (!slots.length || !slots[0]!.host) return "Error: At least one name server (ns0) is required";
  for (const { host, ip } of slots) {
    if (!HOST.test(host)) return `Error: Invalid name server '${host}'`;
    const under = host.endsWith(`.${domain.name}`);
    if (under && !ip) return `Error: Name server ${host} is in the domain ${domain.name} and needs an IP address`;
    if (!under && ip) return `Error: Name server ${host} is outside the domain ${domain.name}, an IP address is not allowed`;
    if (ip && !ip.split(/[\s,]+/).every((a) => isIP(a))) return `Error: Invalid IP address '${ip}'`;
  }
  domain.nameservers = slots.map((s) => (s.ip ? `${s.host} ${s.ip}` : s.host));
  return `Success: Name servers of ${domain.name} changed`;
}

/** A renewal may not take the expiry more than MAX_YEARS ahead of today. */
export function beyondMaximum(expiresAt: string, years: number): boolean {
  const next = new Date(`${expiresAt}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  const limit = new Date();
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_YEARS);
  return next > limit;
}
