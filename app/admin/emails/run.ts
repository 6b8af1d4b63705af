import type { Ctx } from "@/lib/services/context";
import { previewEmailText } from "@/lib/services/emails/preview-text";
import { saveEmailText } from "@/lib/services/emails/save-text";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, text, type FormState } from "../form-state";

const fields = (form: FormData) => ({ template: text(form, "template"), locale: text(form, "locale") || undefined, subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") });

export function runSaveEmailText(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const saved = await saveEmailText({ ctx, input: fields(form) });
    return { ok: true, message: translatorFor(locale)(saved.builtIn ? "adminMail.texts.done.builtIn" : "adminMail.texts.done.saved") };
  });
}

export type PreviewState = FormState & { preview?: { subject: string; html: string } };

export function runPreviewEmailText(ctx: Ctx, form: FormData): Promise<PreviewState> {
  return attempt(async () => {
    const { subject, html } = await previewEmailText({ ctx, input: fields(form) });
    return { ok: true, preview: { subject, html } };
  });
}
