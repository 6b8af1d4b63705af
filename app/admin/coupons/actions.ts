"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runCreateCoupon, runDisableCoupon } from "./run";

export async function createCouponAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateCoupon(await requestCtx(), form, await getLocale()));
}

export async function disableCouponAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runDisableCoupon(await requestCtx(), form, await getLocale()));
}
