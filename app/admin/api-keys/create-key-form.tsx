"use client";

import { startTransition, useActionState, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Notice } from "@/components/ui/card";
import { SelectField, type Option } from "@/components/ui/select";
import { FormResult } from "@/components/admin/form-result";
import { createApiKeyAction, type CreatedKeyState } from "./actions";

/** Each scope's key under adminApiKeys.scopes. */
const scopeKeys = { read: "read", "orders:write": "ordersWrite", "services:write": "servicesWrite", admin: "admin" } as const;
const isScope = (scope: string): scope is keyof typeof scopeKeys => scope in scopeKeys;

/** Creates an API key and shows its secret once, right here. */
export function CreateKeyForm({ scopes, clients }: { scopes: readonly string[]; clients: Option[] }) {
  const t = useTranslations("adminApiKeys");
  const tf = useTranslations("adminForm");
  const ref = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<CreatedKeyState, FormData>(createApiKeyAction, {});
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
      <FormResult state={state} shownFields={["name", "scopes", "clientId"]} message={!state.secret} />
      {state.secret && (
        <Notice tone="warning">
          <p>{state.message}</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900" data-testid="new-api-key">
            {state.secret}
          </code>
        </Notice>
      )}
      <Field name="name" id="api-key-name" label={t("form.name")} hint={t("form.nameHint")} errors={errors.name} />
      <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("form.scopes")}</legend>
        {scopes.map((scope) => (
          <label key={scope} className="mt-1 flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="mt-1" />
            <span>
              <code>{scope}</code> {isScope(scope) && <span className="text-slate-500">— {t(`scopes.${scopeKeys[scope]}`)}</span>}
            </span>
          </label>
        ))}
        {errors.scopes && <p id="api-key-scopes-error" className="mt-1 text-sm text-red-600">{errors.scopes.join(" ")}</p>}
      </fieldset>
      <SelectField name="clientId" id="api-key-client" label={t("form.client")} empty={t("form.noClient")} options={clients} hint={t("form.clientHint")} errors={errors.clientId} />
      <div>
        <Button type="submit" disabled={pending}>{pending ? tf("working") : t("form.submit")}</Button>
      </div>
    </form>
  );
}
