"use server";

import { revalidatePath } from "next/cache";
import type { DomainActionState } from "@/components/store/domain-settings";
import { requestDomainChange } from "@/lib/services/domains/request-change";
import { clientCtx } from "@/lib/services/request-context";
import { actionFailure } from "../../../action-errors";
import { domainChangeError, domainChangeInput, domainChangeMessage } from "@/lib/services/domains/change-form";

/** A change of the client's own domain: name servers, transfer lock, a new auth code, or the owner details. */
export async function domainChangeAction(_prev: DomainActionState, form: FormData): Promise<DomainActionState> {
  const serviceId = Number(form.get("serviceId"));
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  try {
    const input = domainChangeInput(form);
    await requestDomainChange({ ctx, input });
    revalidatePath(`/account/services/${serviceId}`);
    return { message: domainChangeMessage(input.action) };
  } catch (error) {
    return { error: domainChangeError(actionFailure(error)) };
  }
}
