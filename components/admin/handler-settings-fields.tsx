"use client";

import { Field } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { SelectField, type Option } from "@/components/ui/select";

export type HandlerSettings = { name: string; dataCenter: string; departmentId: string; priority: string; maxRunning: string };

type Props = { values: HandlerSettings; onChange: (v: HandlerSettings) => void; departments: Option[]; errors?: FieldErrors };

/** A handler's own settings: name, data center, responsible department, priority, max running operations. */
export function HandlerSettingsFields({ values, onChange, departments, errors }: Props) {
  const set = (key: keyof HandlerSettings) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field name="name" label="Name" required value={values.name} onChange={set("name")} errors={errors?.name} />
      <Field name="dataCenter" label="Data center" value={values.dataCenter} onChange={set("dataCenter")} errors={errors?.dataCenter} />
      <SelectField
        name="departmentId"
        label="Responsible department"
        empty="None (the default department)"
        options={departments}
        value={values.departmentId}
        onChange={set("departmentId")}
        errors={errors?.departmentId}
        hint="Its staff get the tasks when this module cannot finish an operation."
      />
      <Field name="priority" label="Priority" inputMode="numeric" value={values.priority} onChange={set("priority")} errors={errors?.priority} hint="Lower goes first among healthy modules of a tariff." />
      <Field name="maxRunning" label="Max running operations" inputMode="numeric" value={values.maxRunning} onChange={set("maxRunning")} errors={errors?.maxRunning} />
    </div>
  );
}
