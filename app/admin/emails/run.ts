import type { Ctx } from "@/lib/services/context";
import { previewEmailText } from "@/lib/services/emails/preview-text";
import { saveEmailText } from "@/lib/services/emails/save-text";
import { attempt, text, type FormState } from "../form-state";

const fields = (form: FormData) => ({ template: text(form, "template"), locale: text(form, "locale") || undefined, subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") });

export function runSaveEmailText(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const saved = await saveEmailText({ ctx, input: fields(form) });
    return { ok: true, message: saved.builtIn ? "Back to the built-in text" : "Saved: emails from now on use this text" };
  });
}

export type PreviewState = FormState & { preview?: { subject: string; html: string } };

export function runPreviewEmailText(ctx: Ctx, form: FormData): Promise<PreviewState> {
  return attempt(async () => {
    const { subject, html } = await previewEmailText({ ctx, input: fields(form) });
    return { ok: true, preview: { subject, html } };
  });
}
