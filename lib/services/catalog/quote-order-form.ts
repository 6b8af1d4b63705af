import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { services, tariffs } from "../../db/schema";
import { ValidationError } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { assertRegistrable } from "../domains/registrable";
import { viewerCurrency } from "./currency-note";
import { zonesOnSale } from "../domains/registrars";
import { quoteItems, quoteItemsInput } from "./quote";

export const quoteOrderFormInput = quoteItemsInput.extend({
  /** A site's form chose to register (or transfer in, with the auth code) the domain it names. */
  registration: z.object({ transfer: z.boolean().default(false), authCode: z.string().trim().max(64).optional() }).optional(),
});

/** A field of the domain line, as the site's own form names it (the form has one domain and one auth code). */
const onForm = (error: unknown) => {
  if (!(error instanceof ValidationError)) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.replace(/^items\.1\.(params\.)?/, "items.0.params."), v]));
  return new ValidationError(fields, error.message);
};

/**
 * The store's order form: its item, and for a site whose client chose to register (or transfer in) its
 * domain, that domain's registration as a second item of the same order, so one invoice pays for both.
 * A zone no domain tariff sells, or a domain the client already holds with us, adds nothing: the site
 * is ordered alone. The registry is asked at once whether the name can still be registered (or, for a
 * transfer, is registered); checkout asks again.
 */
export async function quoteOrderForm({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { items, registration } = parseInput(quoteOrderFormInput, input);
  const quote = await quoteItems({ ctx, input: { items } });
  const site = quote.items[0]!;
  const domain = site.params.domain;
  if (!registration || items.length !== 1 || !domain || (await productTypeOf(ctx, site.tariffId)) === "domain") return quote;
  const zone = (await zonesOnSale(ctx.db, await viewerCurrency(ctx))).find((z) => z.zone === domain.split(".").slice(1).join("."));
  if (!zone || (await heldByClient(ctx, domain))) return quote;
  const params = registration.transfer ? { domain, transfer: true, ...(registration.authCode ? { authCode: registration.authCode } : {}) } : { domain };
  const item = { tariffId: zone.tariffId, months: zone.months, addons: {}, params };
  try {
    await assertRegistrable(ctx.db, [{ tariffId: zone.tariffId, productType: "domain", domain, transfer: registration.transfer }], now(ctx), () => "items.0.params.domain");
    return await quoteItems({ ctx, input: { items: [items[0]!, item] } });
  } catch (error) {
    throw onForm(error);
  }
}

async function productTypeOf(ctx: Ctx, tariffId: number) {
  const [tariff] = await ctx.db.select({ productType: tariffs.productType }).from(tariffs).where(eq(tariffs.id, tariffId));
  return tariff?.productType;
}

async function heldByClient(ctx: Ctx, domain: string): Promise<boolean> {
  const { actor } = ctx;
  const clientId = actor.type === "user" || actor.type === "api_key" ? actor.clientId : null;
  if (!clientId) return false;
  const [held] = await ctx.db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.clientId, clientId), eq(services.productType, "domain"), eq(services.domain, domain), ne(services.status, "closed")))
    .limit(1);
  return Boolean(held);
}
