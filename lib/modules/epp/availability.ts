import { ModuleError, type Availability } from "../contract";
import { replyError, type EppSession } from "./client";
import { childOf, DOMAIN_NS, el, findAll, xsBoolean } from "./xml";

/** Names per domain:check when the handler does not say: registries cap a check (Nomulus at 50; many lower, unconf.). */
export const DEFAULT_CHECK_LIMIT = 5;

/** avail="0" reasons that mean someone holds the name, rather than a registry rule keeping it back. */
const IN_USE = /in use|registered|exists|taken|unavailable|not available/i;

/** RFC 5731 §3.1.1: one check of several names; avail="0" carries the registry's reason, if any. */
async function checkBatch(session: EppSession, names: string[]): Promise<Availability[]> {
  const inner = names.map((n) => el("domain:name", n)).join("");
  const reply = await session.command(`<check><domain:check xmlns:domain="${DOMAIN_NS}">${inner}</domain:check></check>`, `check ${names.join(" ")}`);
  if (reply.code !== 1000) throw replyError(reply, "check");
  const cds = findAll(reply.response, DOMAIN_NS, "cd");
  return names.map((name) => {
    const cd = cds.find((c) => childOf(c, DOMAIN_NS, "name")?.text.trim().toLowerCase() === name);
    // domain-1.0.xsd checkNameType: avail is an xs:boolean, so "true"/"false" as well as "1"/"0".
    const avail = xsBoolean(childOf(cd, DOMAIN_NS, "name")?.attrs.avail);
    if (!cd || avail === undefined) throw new ModuleError("bad_response", `EPP check: no answer for ${name}`, true);
    if (avail) return { name, status: "available" };
    const reason = childOf(cd, DOMAIN_NS, "reason")?.text.trim() || undefined;
    if (!reason || IN_USE.test(reason)) return { name, status: "taken", reason };
    return { name, status: /premium/i.test(reason) ? "premium" : "reserved", reason };
  });
}

/** Every name, in checks of at most `limit` names each (the registry refuses larger ones). */
export async function checkNames(session: EppSession, names: string[], limit = DEFAULT_CHECK_LIMIT): Promise<Availability[]> {
  const out: Availability[] = [];
  for (let i = 0; i < names.length; i += limit) out.push(...(await checkBatch(session, names.slice(i, i + limit))));
  return out;
}
