import { domainToASCII } from "node:url";
import { z } from "zod";
import type { ProductType } from "../vocabulary";
import type { OrderNeed } from "../modules/contract";
import { ValidationError } from "../errors";

export const orderParamsInput = z
  .object({
    domain: z.string().trim().toLowerCase().max(253).optional(),
    hostname: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "Not a valid host name")
      .optional(),
    os: z.string().trim().max(100).optional(),
    nameservers: z.array(z.string().trim().toLowerCase().min(3).max(253)).max(4).optional(),
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
  return { ...params, domain: ascii };
}
