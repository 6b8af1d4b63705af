"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";
import { runServiceOperation } from "./run";

export async function serviceOperationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runServiceOperation(await requestCtx(), form));
}
