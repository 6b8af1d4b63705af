"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runBulkServices } from "./bulk";

export async function bulkServicesAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runBulkServices(await requestCtx(), form, await getLocale()));
}
