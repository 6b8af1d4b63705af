import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";
import type { Availability } from "../../modules/contract";
import { normalizeDomain } from "../../billing/order-params";
import { ValidationError } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { availability } from "./availability";
import { viewerCurrency } from "../catalog/currency-note";
import { zonesOnSale, type Zone } from "./registrars";

/** A name as typed: Unicode (IDN) or punycode, with or without a zone, "www." and a trailing dot allowed. */
export const checkDomainInput = z.object({ name: z.string().trim().toLowerCase().min(1, "Type a name to search for").max(253) });

export type DomainResult = Availability & {
  /** The name as people write it (Unicode); `name` is punycode, as registries and our records hold it. */
  display: string;
  zone: string;
  tariffId: number;
  price: number;
  months: number;
  currency: string;
};

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The first label in punycode and the zone typed after it (punycode), or a clear refusal. */
function parseName(raw: string): { label: string; zone?: string } {
  let name = raw.replace(/\.$/, "");
  if (name.startsWith("www.")) name = name.slice(4);
  const [first = "", ...rest] = name.split(".");
  const label = domainToASCII(`${first}.invalid`).split(".")[0] ?? "";
  // Two hyphens in the third and fourth places are reserved for encodings such as punycode's "xn--" (RFC 5891 §4.2.3.1).
  if (!LABEL.test(label) || (label.slice(2, 4) === "--" && !label.startsWith("xn--"))) {
    throw new ValidationError({ name: ["Use letters, digits and hyphens (not at the start or end), up to 63 characters"] }, "Not a valid domain name");
  }
  const zone = rest.length ? domainToASCII(`${label}.${rest.join(".")}`).split(".").slice(1).join(".") : undefined;
  if (rest.length && !zone) throw new ValidationError({ name: ["Not a valid domain name"] }, "Not a valid domain name");
  return { label, zone };
}

/**
 * Availability of a name across the zones the store sells (domain tariffs on sale), asked of each
 * zone's registrar in one batch per handler and kept for a minute. For anyone: nothing is reserved
 * by a search. A zone the client typed comes first; one the store does not sell is refused.
 */
export async function checkDomain({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ results: DomainResult[] }> {
  const { name } = parseInput(checkDomainInput, input);
  const { label, zone } = parseName(name);
  const zones = await zonesOnSale(ctx.db, await viewerCurrency(ctx));
  if (zone && !zones.some((z) => z.zone === zone)) {
    const sold = zones.map((z) => `.${domainToUnicode(z.zone)}`).join(", ");
    throw new ValidationError({ name: [sold ? `We do not sell .${domainToUnicode(zone)} names. Zones on sale: ${sold}` : "No domains are on sale right now"] }, "This zone is not on sale");
  }
  const wanted = zone ? [...zones.filter((z) => z.zone === zone), ...zones.filter((z) => z.zone !== zone)] : zones;
  const named = wanted.map((z) => ({ z, name: normalizeDomain(`${label}.${z.zone}`) })).filter((x): x is { z: Zone; name: string } => x.name !== null);
  const byHandler = new Map<number, typeof named>();
  for (const entry of named) if (entry.z.registrar) byHandler.set(entry.z.registrar.id, [...(byHandler.get(entry.z.registrar.id) ?? []), entry]);
  const answers = new Map<string, Availability>();
  const at = now(ctx);
  await Promise.all(
    [...byHandler.values()].map(async (entries) => {
      const got = await availability(entries[0]!.z.registrar!, entries.map((e) => e.name), at);
      for (const a of got) answers.set(a.name, a);
    }),
  );
  const results = named.map(({ z, name: n }) => ({
    ...(answers.get(n) ?? { name: n, status: "unknown" as const, reason: "Checked by our team when you order" }),
    display: domainToUnicode(n),
    zone: z.zone,
    tariffId: z.tariffId,
    price: z.price,
    months: z.months,
    currency: z.currency,
  }));
  return { results };
}
