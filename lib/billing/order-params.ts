import { domainToASCII } from "node:url";
import { z } from "zod";
import { osChoices, type ProductType } from "../vocabulary";
import type { OrderNeed } from "../modules/contract";
import { ValidationError } from "../errors";

/** A host name as RFC 1123 allows it: letters, digits and hyphens per label, at least two labels, 253 characters at most. */
export function isHostName(name: string): boolean {
  const labels = name.split(".");
  return name.length <= 253 && labels.length >= 2 && labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(l)) && /[a-z]/i.test(labels.at(-1)!);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 or IPv6 address (this file also runs in the browser: no node:net). */
export function isIpAddress(value: string): boolean {
  if (IPV4.test(value)) return true;
  return value.includes(":") && /^[0-9a-f:.]+$/i.test(value) && URL.canParse(`http://[${value}]/`);
}

/** A name server entry split into its host and addresses, or null when either is not valid. */
export function nameServer(entry: string): { host: string; addrs: string[] } | null {
  const [name = "", ...addrs] = entry.trim().toLowerCase().split(/[\s=(),;[\]]+/).filter(Boolean);
  const host = name.replace(/\.$/, "");
  return isHostName(host) && addrs.every(isIpAddress) ? { host, addrs } : null;
}

export const orderParamsInput = z
  .object({
    domain: z.string().trim().toLowerCase().max(253).optional(),
    hostname: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "Not a valid host name")
      .optional(),
    os: z
      .string()
      .trim()
      .refine((v) => (osChoices as readonly string[]).includes(v), `Choose an operating system from the list: ${osChoices.join(", ")}`)
      .optional(),
    /** "ns1.example.net", or with its addresses (glue) when it is under the domain: "ns1.example.com 192.0.2.1, 2001:db8::1". */
    nameservers: z
      .array(z.string().trim().toLowerCase().max(400).refine((v) => nameServer(v) !== null, "Not a valid name server: a host name like ns1.example.net, then its IP addresses if it is under this domain"))
      .max(4)
      .refine((list) => new Set(list.map((v) => nameServer(v)?.host)).size === list.length, "A name server is listed twice")
      .optional(),
    /** A domain already registered elsewhere, brought here with the auth code its current registrar gave. */
    transfer: z.boolean().optional(),
    /** The transfer's auth code: sealed before the order is stored, then kept among the service's secrets. */
    authCode: z.string().trim().min(1).max(64, "An auth code is at most 64 characters").optional(),
  })
  .strict();
export type OrderParamsInput = z.infer<typeof orderParamsInput>;

/**
 * A domain name as we store it: trimmed, lowercased, without a trailing dot or a leading "www.",
 * in punycode (IDN). Null when it is not a valid name of at least two labels.
 */
export function normalizeDomain(raw: string): string | null {
  let name = raw.trim().toLowerCase().replace(/\.$/, "");
  if (name.startsWith("www.")) name = name.slice(4);
  const ascii = domainToASCII(name);
  const labels = ascii.split(".");
  const valid = ascii.length > 0 && ascii.length <= 253 && labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) && /[a-z]/.test(labels.at(-1)!);
  return valid ? ascii : null;
}

/** Whether an item of this tariff names a domain: every domain, and what its modules need it for. */
export const needsDomain = (productType: ProductType, needs?: ReadonlySet<OrderNeed>) => productType === "domain" || Boolean(needs?.has("domain"));

/** Checks an item's order parameters against its tariff and its modules' needs; a domain becomes punycode. */
export function normalizeOrderParams(
  productType: ProductType,
  tlds: string[],
  params: OrderParamsInput,
  field = "params",
  needs?: ReadonlySet<OrderNeed>,
): OrderParamsInput {
  if (params.os && productType !== "vps" && !needs?.has("os")) throw new ValidationError({ [`${field}.os`]: ["This tariff has no operating system to choose"] });
  const raw = params.domain;
  if (!raw && !needsDomain(productType, needs)) return params;
  if (!raw) throw new ValidationError({ [`${field}.domain`]: [productType === "domain" ? "Enter the domain name" : "Enter the domain name of your site"] });
  const ascii = normalizeDomain(raw);
  if (!ascii) throw new ValidationError({ [`${field}.domain`]: ["Not a valid domain name"] });
  if (productType === "domain") {
    const tld = ascii.split(".").slice(1).join(".");
    if (tlds.length > 0 && !tlds.includes(tld)) {
      throw new ValidationError({ [`${field}.domain`]: [`This tariff sells ${tlds.map((t) => `.${t}`).join(", ")} only`] });
    }
  }
  if (params.nameservers?.length) checkGlue(params.nameservers, ascii, `${field}.nameservers`);
  if (params.transfer && productType !== "domain") throw new ValidationError({ [`${field}.transfer`]: ["Only a domain can be transferred"] });
  if (params.transfer && !params.authCode) throw new ValidationError({ [`${field}.authCode`]: ["Enter the auth code from the domain's current registrar"] });
  return { ...params, domain: ascii };
}

/** A name server under the domain needs its addresses (glue); one elsewhere must not carry any. */
function checkGlue(entries: string[], domain: string, field: string): void {
  for (const entry of entries) {
    const ns = nameServer(entry)!;
    const inside = ns.host.endsWith(`.${domain}`);
    if (inside && ns.addrs.length === 0) throw new ValidationError({ [field]: [`${ns.host} is under ${domain}: give its IP address too`] });
    if (!inside && ns.addrs.length > 0) throw new ValidationError({ [field]: [`${ns.host} is not under ${domain}: give it without an IP address`] });
  }
}

/**
 * An order item's add-ons and parameters as an order form sends them, the store's and the admin's
 * alike: "addons.<key>" fields (blank is 0) and the domain, hostname and OS fields (blank is left out).
 */
export function orderItemFromForm(form: FormData): { addons: Record<string, number>; params: Record<string, string> } {
  const addons: Record<string, number> = {};
  const params: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (key.startsWith("addons.")) addons[key.slice(7)] = value.trim() === "" ? 0 : Number(value);
    if (["domain", "hostname", "os"].includes(key) && value.trim() !== "") params[key] = value;
  }
  return { addons, params };
}
