"use server";

import { cookies, headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { encodeSupportGrant, SUPPORT_COOKIE, SUPPORT_MINUTES } from "@/lib/auth/support-session";
import type { FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";
import { runCreateClient, runCreditBalance, runPlaceOrder, runStartSupport, runSuspendClient } from "./run";

export async function createClientAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateClient(await requestCtx(), form));
}

export async function creditBalanceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreditBalance(await requestCtx(), form, await getLocale()));
}

export async function placeOrderAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runPlaceOrder(await requestCtx(), form, await getLocale()));
}

export async function suspendClientAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSuspendClient(await requestCtx(), form, await getLocale()));
}

/** Sign in as the client for support: an audited, signed cookie for SUPPORT_MINUTES beside the admin's session. */
export async function startSupportAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  const { support, ...state } = await runStartSupport(ctx, form);
  if (support && ctx.actor.type === "user") {
    const exp = Date.now() + SUPPORT_MINUTES * 60_000;
    (await cookies()).set(SUPPORT_COOKIE, encodeSupportGrant({ adminUserId: ctx.actor.userId, ...support, exp }), {
      httpOnly: true,
      sameSite: "lax",
      secure: (await headers()).get("origin")?.startsWith("https:") === true,
      path: "/",
      maxAge: SUPPORT_MINUTES * 60,
    });
  }
  return respond(state);
}
