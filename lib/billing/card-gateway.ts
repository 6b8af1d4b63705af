import { isDemo } from "../env";

export type CardGateway = "stripe" | "demo";

/**
 * Where a client's card payment goes: Stripe when STRIPE_SECRET_KEY is set; otherwise the demo
 * gateway, but only in the demo (`npm start`), development and tests. In production without Stripe
 * there is none: no card payment starts, and the demo gateway's pages and actions do not exist.
 */
export function cardGateway(env: NodeJS.ProcessEnv = process.env): CardGateway | null {
  if (env.STRIPE_SECRET_KEY) return "stripe";
  return isDemo(env) || env.NODE_ENV === "development" || env.NODE_ENV === "test" ? "demo" : null;
}

/** True when the demo gateway may be shown and used in this process. */
export const demoGatewayEnabled = (env: NodeJS.ProcessEnv = process.env) => cardGateway(env) === "demo";
