"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runBulkOperations } from "./bulk";

export async function bulkOperationsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runBulkOperations(await requestCtx(), form, await getLocale()));
}
