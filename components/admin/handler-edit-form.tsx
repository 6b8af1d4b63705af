"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { FieldSpec } from "@/lib/modules/contract";
import type { CheckState, SaveState } from "@/app/admin/handlers/run";
import { CheckResult, SaveCheck } from "./check-result";
import { ConnectionFields } from "./connection-fields";
import { FormResult, SavedNote } from "./form-result";
import { HandlerSettingsFields, type HandlerSettings } from "./handler-settings-fields";
import type { Option } from "@/components/ui/select";
import { useConnectionCheck } from "./use-connection-check";

type Props = {
  handlerId: number;
  moduleKind: string;
  fields: FieldSpec[];
  connection: Record<string, string>;
  secretsSet: string[];
  settings: HandlerSettings;
  departments: Option[];
  action: (prev: SaveState, form: FormData) => Promise<SaveState>;
  checkAction: (prev: CheckState, form: FormData) => Promise<CheckState>;
};

/**
 * Edits a handler; a blank secret field keeps the stored secret. "Check connection" checks what the
 * form holds; unchanged, it checks the stored connection and records the handler's health. Saving
 * checks the connection too; a failing one is saved only after "Save anyway".
 */
export function HandlerEditForm({ handlerId, moduleKind, fields, connection: initial, secretsSet, settings: initialSettings, departments, action, checkAction }: Props) {
  const t = useTranslations("adminHandler.form");
  const form = useRef<HTMLFormElement>(null);
  const [connection, setConnection] = useState(initial);
  const [settings, setSettings] = useState(initialSettings);
  const [state, save, saving] = useActionState(action, {});
  const { check, checking, view } = useConnectionCheck(checkAction);
  const checked = view(connection);
  const runCheck = () => {
    const data = new FormData(form.current!);
    if (fields.some((f) => (connection[f.key] ?? "") !== (initial[f.key] ?? ""))) data.set("module", moduleKind);
    check(data, connection);
  };
  const shown = ["name", "dataCenter", "departmentId", "priority", "maxRunning", ...fields.map((f) => `connection.${f.key}`)];
  return (
    <form
      ref={form}
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => save(data));
      }}
    >
      <FormResult state={state} shownFields={shown} message={false} />
      <input type="hidden" name="handlerId" value={handlerId} />
      <HandlerSettingsFields values={settings} onChange={setSettings} departments={departments} errors={state.fields} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-medium">{t("connection")}</legend>
        <ConnectionFields fields={fields} values={connection} onChange={(k, v) => setConnection({ ...connection, [k]: v })} errors={{ ...checked.errors, ...state.fields }} secretsSet={secretsSet} />
        {fields.length > 0 && (
          <>
            <div>
              <Button variant="secondary" disabled={checking} onClick={runCheck}>
                {checking ? t("checking") : t("check")}
              </Button>
            </div>
            <CheckResult state={checked.state} />
          </>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={saving}>
          {saving ? t("saving") : t("save")}
        </Button>
        <SavedNote state={state} />
      </div>
      <SaveCheck state={state} saving={saving} label={t("saveAnyway")} />
    </form>
  );
}
