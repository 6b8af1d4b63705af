"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import type { FormState } from "@/app/admin/form-state";
import type { PreviewState } from "@/app/admin/emails/run";
import { FormResult, SavedNote } from "./form-result";

type Props = {
  template: string;
  locale: string;
  variables: string[];
  initial: { subject: string; body: string };
  builtIn: { subject: string; text: string };
  save: (prev: FormState, form: FormData) => Promise<FormState>;
  preview: (prev: PreviewState, form: FormData) => Promise<PreviewState>;
};

/** The provider's subject and body of one email, with its variables and a preview rendered as it would be sent. */
export function EmailTextForm({ template, locale, variables, initial, builtIn, save, preview }: Props) {
  const t = useTranslations("adminMail.texts");
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body);
  const [saved, saveAction, saving] = useActionState(save, {});
  const [shown, previewAction, previewing] = useActionState(preview, {});
  const errors = { ...(saved.fields ?? {}), ...(shown.fields ?? {}) };
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <form action={saveAction} noValidate className="flex min-w-0 flex-col gap-4">
        <FormResult state={saved.error ? saved : shown} shownFields={["subject", "body"]} message={false} />
        <input type="hidden" name="template" value={template} />
        <input type="hidden" name="locale" value={locale} />
        <Field name="subject" label={t("subject")} value={subject} onChange={(e) => setSubject(e.target.value)} placeholder={builtIn.subject} hint={t("subjectHint")} errors={errors.subject} />
        <div className="flex flex-col gap-1">
          <label className="text-sm font-medium text-slate-800" htmlFor="email-body">{t("body")}</label>
          <textarea
            id="email-body"
            name="body"
            rows={12}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={builtIn.text}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby="email-body-hint"
            className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          <p id="email-body-hint" className={errors.body ? "text-sm text-red-600" : "text-xs text-slate-500"}>
            {errors.body ? errors.body.join(" ") : t("bodyHint")}
          </p>
        </div>
        <div>
          <p className="text-sm font-medium text-slate-800">{t("variables")}</p>
          <ul className="mt-1 flex flex-wrap gap-2" data-testid="email-variables">
            {variables.map((v) => (
              <li key={v}>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{`{{${v}}}`}</code>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">{t("variablesHint")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={saving}>{saving ? t("saving") : t("save")}</Button>
          <Button type="submit" variant="secondary" formAction={previewAction} disabled={previewing}>{previewing ? t("rendering") : t("preview")}</Button>
          <Button
            type="submit"
            variant="ghost"
            onClick={() => {
              setSubject("");
              setBody("");
            }}
            formAction={(form) => {
              form.set("subject", "");
              form.set("body", "");
              saveAction(form);
            }}
          >
            {t("useBuiltIn")}
          </Button>
          <SavedNote state={saved} />
        </div>
      </form>
      <section aria-label={t("preview")} className="min-w-0">
        {shown.preview ? (
          <>
            <p className="mb-2 text-sm"><span className="font-medium">{t("subjectLabel")}</span> <span data-testid="preview-subject">{shown.preview.subject}</span></p>
            <iframe title={t("frame")} sandbox="" srcDoc={shown.preview.html} className="h-[32rem] w-full rounded border border-slate-200 bg-white" />
          </>
        ) : (
          <p className="text-sm text-slate-500">{t("previewHint")}</p>
        )}
      </section>
    </div>
  );
}
