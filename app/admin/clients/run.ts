import type { Ctx } from "@/lib/services/context";
import { creditBalance } from "@/lib/services/balance/credit";
import { createClient } from "@/lib/services/clients/create";
import { placeOrderForClient } from "@/lib/services/clients/place-order";
import { orderItemFromForm } from "@/lib/billing/order-params";
import { suspendClient } from "@/lib/services/clients/suspend";
import { supportClient } from "@/lib/services/clients/support";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, flag, minorUnits, num, text, type FormState } from "../form-state";

export function runCreateClient(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const fields = ["name", "email", "company", "phone", "country", "city", "address", "currency"];
    // The password exactly as typed (not trimmed), checked by the same rule as every password.
    const input = { ...Object.fromEntries(fields.map((k) => [k, text(form, k) || undefined])), password: String(form.get("password") ?? "") || undefined, invite: flag(form, "invite") };
    const { client } = await createClient({ ctx, input });
    return { ok: true, redirectTo: `/admin/clients/${client.id}?notice=created` };
  });
}

export function runCreditBalance(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const amount = minorUnits(text(form, "amount"), text(form, "currency") || "USD");
    await creditBalance({ ctx, input: { clientId: num(form, "clientId"), amount, note: text(form, "note") || undefined } });
    return { ok: true, message: translatorFor(locale)("adminClient.done.credited") };
  });
}

/** "Order for this client": the option value is "<tariffId>:<months>"; add-ons, domain, host name and OS as the store's order form sends them. */
export function runPlaceOrder(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const [tariffId, months] = text(form, "item").split(":");
    const { addons, params } = orderItemFromForm(form);
    const placed = await placeOrderForClient({ ctx, input: { clientId: num(form, "clientId"), tariffId, months, addons, params } });
    const services = placed.serviceIds.map((id) => `#${id}`).join(", ");
    return { ok: true, message: translatorFor(locale)("adminClient.done.ordered", { orderId: placed.orderId, services }) };
  });
}

export function runSuspendClient(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const suspended = flag(form, "suspended");
    const reason = suspended ? text(form, "reason") : undefined;
    const result = await suspendClient({ ctx, input: { clientId: num(form, "clientId"), suspended, reason, note: suspended ? text(form, "note") || undefined : undefined } });
    const n = result.operationIds.length;
    return {
      ok: true,
      message: translatorFor(locale)(suspended ? "adminClient.done.suspended" : "adminClient.done.lifted", { count: n }),
    };
  });
}

/** Starts signing in as the client for support; the action sets the signed cookie from `support`. */
export async function runStartSupport(ctx: Ctx, form: FormData): Promise<FormState & { support?: { clientId: number; clientUserId: number } }> {
  return attempt(async () => {
    const { clientId, clientUserId } = await supportClient({ ctx, input: { clientId: num(form, "clientId") } });
    return { ok: true, redirectTo: "/account", support: { clientId, clientUserId: clientUserId! } };
  });
}
