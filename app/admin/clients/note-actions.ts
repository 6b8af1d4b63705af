"use server";

import { getTranslations } from "next-intl/server";
import { addClientNote } from "@/lib/services/client-notes/add";
import { requestCtx } from "@/lib/services/request-context";
import { attempt, num, text, type FormState } from "../form-state";
import { respond } from "../respond";

/** A note on a client, for staff only. */
export async function addClientNoteAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  return respond(await attempt(async () => {
    await addClientNote({ ctx, input: { clientId: num(form, "clientId"), body: text(form, "body") } });
    return { ok: true, message: (await getTranslations("adminClient.done"))("noteAdded") };
  }));
}
