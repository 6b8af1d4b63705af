"use server";

import { refresh } from "next/cache";
import { actionFailure } from "@/app/(store)/action-errors";
import type { DomainActionState } from "@/components/store/domain-settings";
import type { RevealResult } from "@/components/store/secrets-panel";
import { domainChangeError, domainChangeInput, domainChangeMessage } from "@/lib/services/domains/change-form";
import { requestDomainChange } from "@/lib/services/domains/request-change";
import { requireStaff } from "@/lib/services/context";
import { requestCtx } from "@/lib/services/request-context";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";

/** Staff change a client's domain as the client could: name servers, transfer lock, a new auth code, owner details. */
export async function adminDomainChangeAction(_prev: DomainActionState, form: FormData): Promise<DomainActionState> {
  const ctx = await requestCtx();
  try {
    requireStaff(ctx.actor);
    const input = domainChangeInput(form);
    await requestDomainChange({ ctx, input });
    refresh();
    return { message: domainChangeMessage(input.action) };
  } catch (error) {
    return { error: domainChangeError(actionFailure(error)) };
  }
}

/** The domain's auth code for staff (audited, as every reveal). */
export async function adminRevealDomainAction(serviceId: number): Promise<RevealResult> {
  const ctx = await requestCtx();
  try {
    requireStaff(ctx.actor);
    return { secrets: await revealServiceSecrets({ ctx, input: { serviceId } }) };
  } catch (error) {
    return { error: actionFailure(error).error };
  }
}
