"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runCheckConnection, runCreateHandler, runDeleteHandler, runSetHandlerEnabled, runUpdateHandler, type CheckState, type SaveState } from "./run";

export async function createHandlerAction(_prev: SaveState, form: FormData): Promise<SaveState> {
  return respond(await runCreateHandler(await requestCtx(), form));
}

export async function updateHandlerAction(_prev: SaveState, form: FormData): Promise<SaveState> {
  return respond(await runUpdateHandler(await requestCtx(), form, await getLocale()));
}

export async function checkConnectionAction(_prev: CheckState, form: FormData): Promise<CheckState> {
  return respond(await runCheckConnection(await requestCtx(), form));
}

export async function setHandlerEnabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSetHandlerEnabled(await requestCtx(), form, await getLocale()));
}

export async function deleteHandlerAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runDeleteHandler(await requestCtx(), form));
}
