"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { cardGateway } from "@/lib/billing/card-gateway";
import { formatAmount } from "@/lib/billing/ledger";
import { renewByCard } from "@/lib/services/services/renew-by-card";
import { renewService } from "@/lib/services/services/renew";
import type { RenewState } from "@/components/store/renew-form";
import { actionFailure } from "../../../../action-errors";
import { requestOrigin } from "../../../../origin";
import { clientCtx } from "@/lib/services/request-context";

/**
 * Renew for the chosen period: from the balance when it covers the price; else the card page opens
 * for the difference, and the gateway's payment renews the service.
 */
export async function renewForPeriodAction(_prev: RenewState, form: FormData): Promise<RenewState> {
  const serviceId = Number(form.get("serviceId"));
  const months = form.get("months") ?? undefined;
  const ctx = await clientCtx(`/account/services/${serviceId}/renew`);
  let url: string | null = null;
  let message = "This period is already paid for; the renewal is in progress.";
  try {
    if (cardGateway()) {
      const done = await renewByCard({ ctx, input: { serviceId, months, origin: await requestOrigin() } });
      if (!done.renewed) url = done.url;
      else message = "Renewed from your balance; the service is being renewed.";
    } else {
      const done = await renewService({ ctx, input: { serviceId, months } });
      if (done.charged) message = `Renewed: ${formatAmount(done.price, done.currency)} paid from your balance; the service is being renewed.`;
    }
  } catch (error) {
    return { error: actionFailure(error).error };
  }
  if (url) redirect(url);
  revalidatePath(`/account/services/${serviceId}`);
  return { message };
}
