import { isIP } from "node:net";
import { ModuleError } from "../contract";
import { replyError, type EppSession } from "./client";
import { el, find, HOST_NS, xsBoolean } from "./xml";

/** RFC 5732 host objects, and the name servers of an order. */

export type NameServer = { name: string; addrs: string[] };

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** "ns1.example.com", or with glue: "ns1.example.com 192.0.2.1, 2001:db8::1" (also "=" or brackets). */
export function parseNameServer(entry: string): NameServer {
  const [name = "", ...rest] = entry.trim().toLowerCase().split(/[\s=(),;]+/).filter(Boolean);
  const host = name.replace(/\.$/, "");
  if (!HOST.test(host)) throw new ModuleError("invalid_nameserver", `'${entry}' is not a name server host name`, false);
  const addrs = rest.filter((a) => a.length > 0);
  const bad = addrs.find((a) => !isIP(a));
  if (bad) throw new ModuleError("invalid_nameserver", `'${bad}' in '${entry}' is not an IP address`, false);
  return { name: host, addrs };
}

/** A host under the domain itself: it needs glue, and exists only once the domain does. */
export const inBailiwick = (ns: NameServer, domain: string) => ns.name.endsWith(`.${domain}`);

/** Checks the name servers of an order against the domain before anything is sent. */
export function validateNameServers(list: NameServer[], domain: string) {
  for (const ns of list) {
    if (inBailiwick(ns, domain) && !ns.addrs.length) {
      throw new ModuleError("glue_missing", `The name server ${ns.name} is under ${domain}: it needs its IP address (glue)`, false);
    }
    // protocols.md §5: an external host must not carry addresses (2004 at the registry).
    if (!inBailiwick(ns, domain) && ns.addrs.length) {
      throw new ModuleError("glue_external", `The name server ${ns.name} is not under ${domain}: give it without an IP address`, false);
    }
  }
}

const hostCommand = (verb: string, inner: string) => `<${verb}><host:${verb} xmlns:host="${HOST_NS}">${inner}</host:${verb}></${verb}>`;
const addr = (ip: string) => el("host:addr", ip, { ip: isIP(ip) === 6 ? "v6" : "v4" });

/** Makes sure the host object exists: host:check, then host:create (with its glue) if it is available. */
export async function ensureHost(session: EppSession, ns: NameServer): Promise<void> {
  const check = await session.command(hostCommand("check", el("host:name", ns.name)), `host check ${ns.name}`);
  if (check.code !== 1000) throw replyError(check, "host check");
  const cd = find(check.response, HOST_NS, "name");
  const avail = xsBoolean(cd?.attrs.avail);
  if (!cd || cd.text.trim().toLowerCase() !== ns.name || avail === undefined) throw new ModuleError("bad_response", `EPP host check: no answer for ${ns.name}`, true);
  if (!avail) return;
  const created = await session.command(hostCommand("create", el("host:name", ns.name) + ns.addrs.map(addr).join("")), `host create ${ns.name}`);
  // 2302: another try (or anyone, for an external host) made it meanwhile; a domain may use any existing host.
  if (created.code !== 1000 && created.code !== 2302) throw replyError(created, "host create");
}
