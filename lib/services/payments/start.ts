import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, invoices, paymentSessions } from "../../db/schema";
import { cardGateway } from "../../billing/card-gateway";
import { stripeClient } from "../../billing/stripe";
import { AppError, conflict, notFound, unprocessable, ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireClientAccess, type Ctx } from "../context";
import { assertClientActive } from "../orders/checks";
import { invoiceName } from "../../billing/invoice-format";
import { cardTopUpFor } from "../../billing/renewal-invoices";
import { formatAmount } from "../../billing/ledger";

export const MIN_TOP_UP = 1_00;
export const MAX_TOP_UP = 10_000_00;

export const startPaymentInput = z
  .object({
    /** Pay this unpaid invoice by card; or, without it, add `amount` to the balance. */
    invoiceId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    amount: z.coerce.number().int().min(MIN_TOP_UP, "Add at least 1.00").max(MAX_TOP_UP, "Add at most 10,000.00 at a time").optional(),
    /** Where the client comes back to: this site's origin, e.g. https://billing.example.com. */
    origin: z.url({ protocol: /^https?$/ }),
  })
  .refine((d) => d.invoiceId !== undefined || d.amount !== undefined, { message: "Enter an amount", path: ["amount"] });

const own = (ctx: Ctx) => (ctx.actor.type === "user" ? ctx.actor.clientId : null);

/**
 * A client starts a card payment, for an unpaid invoice (a renewal's: only what the balance does not
 * cover) or to add funds: a Stripe Checkout
 * session, or the demo gateway where cardGateway() allows it (never in production). Returns where to send the
 * browser. Nothing is credited here: the gateway's signed event does that. A suspended client may
 * add funds but not start paying an order invoice.
 */
export async function startPayment({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ url: string; sessionId: number }> {
  const data = parseInput(startPaymentInput, input);
  const gateway = cardGateway();
  if (!gateway) throw unprocessable("Card payments are not available on this site");
  const clientId = own(ctx);
  if (clientId === null) throw new AppError("forbidden", "Only a client can pay by card");
  requireClientAccess(ctx.actor, clientId);
  const [client] = await ctx.db.select().from(clients).where(eq(clients.id, clientId));
  if (!client) throw notFound("Client not found");
  let amount = data.amount ?? 0;
  let currency = client.currency;
  let description = `Add funds to the balance of client #${client.id}`;
  if (data.invoiceId !== undefined) {
    const [invoice] = await ctx.db.select().from(invoices).where(eq(invoices.id, data.invoiceId));
    if (!invoice || invoice.clientId !== clientId) throw notFound("Invoice not found");
    if (invoice.status !== "unpaid") throw conflict(`Invoice ${invoiceName(invoice)} is ${invoice.status}`);
    if (invoice.amount <= 0) throw unprocessable("This invoice has nothing to pay");
    if (invoice.kind === "order") await assertClientActive(ctx.db, clientId, "orders cannot be paid");
    if (invoice.currency !== client.currency) throw unprocessable(`The invoice is in ${invoice.currency}, your balance in ${client.currency}`);
    ({ amount, currency } = invoice);
    // A renewal takes what the balance has first: the card pays the difference.
    if (invoice.kind === "renewal") amount = cardTopUpFor(invoice.amount, client.balance);
    description = `Invoice ${invoiceName(invoice)}: ${invoice.description}`;
  } else if (amount <= 0) {
    throw new ValidationError({ amount: ["Enter an amount"] });
  }
  const back = (path: string) => new URL(path, data.origin).toString();
  const stripe = gateway === "stripe" ? stripeClient() : null;
  const placeholder = `${gateway === "demo" ? "demo" : "pending"}_${randomUUID()}`;
  const sessionId = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(paymentSessions)
      .values({ clientId, invoiceId: data.invoiceId ?? null, gateway, externalId: placeholder, amount, currency })
      .returning({ id: paymentSessions.id });
    await audit(tx, ctx.actor, { action: "payment.start", entity: "client", entityId: clientId, after: { sessionId: row!.id, gateway, amount: formatAmount(amount, currency), invoiceId: data.invoiceId ?? null } });
    return row!.id;
  });
  if (!stripe) return { url: back(`/pay/demo/${placeholder}`), sessionId };
  const metadata = { paymentSessionId: String(sessionId), clientId: String(client.id) };
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      customer_email: client.email,
      client_reference_id: String(client.id),
      line_items: [{ quantity: 1, price_data: { currency: currency.toLowerCase(), unit_amount: amount, product_data: { name: description.slice(0, 250) } } }],
      metadata,
      payment_intent_data: { metadata },
      success_url: back("/account/payments/return?session_id={CHECKOUT_SESSION_ID}"),
      cancel_url: back(data.invoiceId ? `/account/invoices/${data.invoiceId}` : "/account/balance"),
    }, { idempotencyKey: `payment-session-${sessionId}` });
    if (!session.url) throw new Error("Stripe returned a session without a URL");
    await ctx.db.update(paymentSessions).set({ externalId: session.id }).where(eq(paymentSessions.id, sessionId));
    return { url: session.url, sessionId };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
    await ctx.db.update(paymentSessions).set({ status: "failed", failureReason: `Could not start at Stripe: ${reason}` }).where(eq(paymentSessions.id, sessionId));
    throw new AppError("unprocessable", "The card payment could not be started; please try again in a moment");
  }
}
