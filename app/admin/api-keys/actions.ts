"use server";

import { getTranslations } from "next-intl/server";
import { createApiKey } from "@/lib/services/api-keys/create";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import { attempt, num, text, type FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";

export type CreatedKeyState = FormState & { secret?: string };

export async function createApiKeyAction(_prev: CreatedKeyState, form: FormData): Promise<CreatedKeyState> {
  const ctx = await requestCtx();
  const t = await getTranslations("adminApiKeys.done");
  return respond(
    await attempt<CreatedKeyState>(async () => {
      const scopes = form.getAll("scopes").map(String);
      const { apiKey, secret } = await createApiKey({ ctx, input: { name: text(form, "name"), scopes, clientId: num(form, "clientId") ?? null } });
      return { ok: true, message: t("created", { name: apiKey.name }), secret };
    }),
  );
}

export async function revokeApiKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  const t = await getTranslations("adminApiKeys.done");
  return respond(
    await attempt(async () => {
      const key = await revokeApiKey({ ctx, input: { apiKeyId: num(form, "apiKeyId") } });
      return { ok: true, message: t("revoked", { name: key.name }) };
    }),
  );
}
