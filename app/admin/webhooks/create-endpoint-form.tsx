"use client";

import { startTransition, useActionState, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Notice } from "@/components/ui/card";
import { FormResult } from "@/components/admin/form-result";
import { createWebhookEndpointAction, type CreatedEndpointState } from "./actions";

/** Adds a webhook endpoint and shows its signing secret once. */
export function CreateEndpointForm({ events }: { events: readonly string[] }) {
  const t = useTranslations("adminWebhooks.form");
  const tf = useTranslations("adminForm");
  const ref = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<CreatedEndpointState, FormData>(createWebhookEndpointAction, {});
  const errors = state.fields ?? {};
  return (
    <form
      ref={ref}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
        ref.current?.reset();
      }}
    >
      <FormResult state={state} shownFields={["url", "events"]} message={!state.secret} />
      {state.secret && (
        <Notice tone="warning">
          <p>{state.message}</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900" data-testid="new-webhook-secret">
            {state.secret}
          </code>
        </Notice>
      )}
      <Field name="url" id="webhook-url" label={t("url")} type="url" placeholder="https://example.com/provisio-webhooks" errors={errors.url} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("events")}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {events.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked />
              <code>{event}</code>
            </label>
          ))}
        </div>
        {errors.events && <p className="mt-1 text-sm text-red-600">{errors.events.join(" ")}</p>}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>{pending ? tf("working") : t("submit")}</Button>
      </div>
    </form>
  );
}
