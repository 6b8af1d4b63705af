"use server";

import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import type { FormState } from "../form-state";
import { respond } from "../respond";
import { runInviteStaff, runResendInvitation, runUpdateStaff } from "./run";

export async function inviteStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runInviteStaff(await requestCtx(), form, await getLocale()));
}

export async function updateStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runUpdateStaff(await requestCtx(), form, await getLocale()));
}

export async function resendInvitationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runResendInvitation(await requestCtx(), form, await getLocale()));
}
