"use server";

import { getLocale } from "next-intl/server";
import type { FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";
import { runAddMember, runCreateDepartment, runCreateStaff, runDeleteDepartment, runRemoveMember, runUpdateDepartment } from "./run";

export async function createDepartmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateDepartment(await requestCtx(), form, await getLocale()));
}

export async function updateDepartmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runUpdateDepartment(await requestCtx(), form, await getLocale()));
}

export async function deleteDepartmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runDeleteDepartment(await requestCtx(), form, await getLocale()));
}

export async function addMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runAddMember(await requestCtx(), form, await getLocale()));
}

export async function removeMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runRemoveMember(await requestCtx(), form, await getLocale()));
}

export async function createStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateStaff(await requestCtx(), form, await getLocale()));
}
