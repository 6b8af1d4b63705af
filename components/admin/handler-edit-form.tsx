"use client";

import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { FieldSpec } from "@/lib/modules/contract";
import type { FormState } from "@/app/admin/form-state";
import { ConnectionFields } from "./connection-fields";
import { FormResult } from "./form-result";
import { HandlerSettingsFields, type HandlerSettings } from "./handler-settings-fields";
import type { Option } from "@/components/ui/select";

type Props = {
  handlerId: number;
  fields: FieldSpec[];
  connection: Record<string, string>;
  secretsSet: string[];
  settings: HandlerSettings;
  departments: Option[];
  action: (prev: FormState, form: FormData) => Promise<FormState>;
};

/** Edits a handler; a blank secret field keeps the stored secret. */
export function HandlerEditForm({ handlerId, fields, connection: initial, secretsSet, settings: initialSettings, departments, action }: Props) {
  const [connection, setConnection] = useState(initial);
  const [settings, setSettings] = useState(initialSettings);
  const [state, save, saving] = useActionState(action, {});
  const shown = ["name", "dataCenter", "departmentId", "priority", "maxRunning", ...fields.map((f) => `connection.${f.key}`)];
  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => save(data));
      }}
    >
      <FormResult state={state} shownFields={shown} />
      <input type="hidden" name="handlerId" value={handlerId} />
      <HandlerSettingsFields values={settings} onChange={setSettings} departments={departments} errors={state.fields} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-medium">Connection</legend>
        <ConnectionFields fields={fields} values={connection} onChange={(k, v) => setConnection({ ...connection, [k]: v })} errors={state.fields} secretsSet={secretsSet} />
      </fieldset>
      <div>
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
