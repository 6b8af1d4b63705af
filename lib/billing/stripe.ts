import Stripe from "stripe";

/** Stripe's API, or another address speaking it (STRIPE_API_URL, e.g. a local stand-in). */
function apiOptions(): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  const raw = process.env.STRIPE_API_URL;
  if (!raw) return {};
  const url = new URL(raw);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** The Stripe client for STRIPE_SECRET_KEY; null when card payments are not set up. */
export function stripeClient(): Stripe | null {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) return null;
  return new Stripe(key, { ...apiOptions(), maxNetworkRetries: 2, timeout: 20_000, telemetry: false });
}

/** Verifies a Stripe webhook delivery (signature over the raw body, 5-minute tolerance) and parses its event. */
export function constructStripeEvent(raw: string, signature: string, secret: string): Stripe.Event {
  const stripe = stripeClient() ?? new Stripe("sk_unused_for_verification");
  return stripe.webhooks.constructEvent(raw, signature, secret);
}

export type { Stripe };
