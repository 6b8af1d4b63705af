"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { SelectField, type Option } from "@/components/ui/select";

export type HandlerSettings = { name: string; dataCenter: string; departmentId: string; priority: string; maxRunning: string };

type Props = { values: HandlerSettings; onChange: (v: HandlerSettings) => void; departments: Option[]; errors?: FieldErrors };

/** A handler's own settings: name, data center, responsible department, priority, max running operations. */
export function HandlerSettingsFields({ values, onChange, departments, errors }: Props) {
  const t = useTranslations("adminHandler.form");
  const set = (key: keyof HandlerSettings) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field name="name" label={t("name")} required value={values.name} onChange={set("name")} errors={errors?.name} />
      <Field name="dataCenter" label={t("dataCenter")} value={values.dataCenter} onChange={set("dataCenter")} errors={errors?.dataCenter} />
      <SelectField
        name="departmentId"
        label={t("department")}
        empty={t("noDepartment")}
        options={departments}
        value={values.departmentId}
        onChange={set("departmentId")}
        errors={errors?.departmentId}
        hint={t("departmentHint")}
      />
      <Field name="priority" label={t("priority")} inputMode="numeric" value={values.priority} onChange={set("priority")} errors={errors?.priority} hint={t("priorityHint")} />
      <Field name="maxRunning" label={t("maxRunning")} inputMode="numeric" value={values.maxRunning} onChange={set("maxRunning")} errors={errors?.maxRunning} />
    </div>
  );
}
