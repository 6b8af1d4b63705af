import { domainToASCII } from "node:url";
import { z } from "zod";
import type { ProductType } from "../db/schema";
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

/** Checks an item's order parameters against its tariff; a domain becomes punycode. */
export function normalizeOrderParams(
  productType: ProductType,
  tlds: string[],
  params: OrderParamsInput,
  field = "params",
): OrderParamsInput {
  if (productType !== "domain") return params;
  const raw = params.domain;
  if (!raw) throw new ValidationError({ [`${field}.domain`]: ["Enter the domain name"] });
  const ascii = domainToASCII(raw);
  const labels = ascii.split(".");
  const valid =
    ascii.length > 0 &&
    labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
  if (!valid) throw new ValidationError({ [`${field}.domain`]: ["Not a valid domain name"] });
  const tld = labels.slice(1).join(".");
  if (tlds.length > 0 && !tlds.includes(tld)) {
    throw new ValidationError({ [`${field}.domain`]: [`This tariff sells ${tlds.map((t) => `.${t}`).join(", ")} only`] });
  }
  return { ...params, domain: ascii };
}
