"use server";

import { getTranslations } from "next-intl/server";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks/delete-endpoint";
import { attempt, num, text, type FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";

export type CreatedEndpointState = FormState & { secret?: string };

export async function createWebhookEndpointAction(_prev: CreatedEndpointState, form: FormData): Promise<CreatedEndpointState> {
  const ctx = await requestCtx();
  const t = await getTranslations("adminWebhooks.done");
  return respond(
    await attempt<CreatedEndpointState>(async () => {
      const { endpoint, secret } = await createWebhookEndpoint({ ctx, input: { url: text(form, "url"), events: form.getAll("events").map(String) } });
      return { ok: true, message: t("added", { url: endpoint.url }), secret };
    }),
  );
}

export async function deleteWebhookEndpointAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  const t = await getTranslations("adminWebhooks.done");
  return respond(
    await attempt(async () => {
      await deleteWebhookEndpoint({ ctx, input: { endpointId: num(form, "endpointId") } });
      return { ok: true, message: t("deleted") };
    }),
  );
}
