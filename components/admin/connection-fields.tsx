"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import type { FieldSpec } from "@/lib/modules/contract";
import type { FieldErrors } from "@/lib/errors";

type Props = {
  fields: FieldSpec[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  errors?: FieldErrors;
  /** Secret fields that have a stored value: left blank, they keep it. */
  secretsSet?: string[];
};

/** The connection form a module declares. Secret fields are write-only: they are never filled in. */
export function ConnectionFields({ fields, values, onChange, errors, secretsSet = [] }: Props) {
  const t = useTranslations("adminHandler.form");
  if (fields.length === 0) return <p className="text-sm text-slate-600">{t("noConnection")}</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => {
        const stored = f.secret && secretsSet.includes(f.key);
        return (
          <Field
            key={f.key}
            name={`connection.${f.key}`}
            label={f.label}
            type={f.secret ? "password" : f.kind === "url" ? "url" : "text"}
            inputMode={f.kind === "number" ? "numeric" : undefined}
            autoComplete={f.secret ? "new-password" : "off"}
            required={f.required && !stored}
            placeholder={stored ? t("stored") : f.placeholder}
            hint={f.secret ? t("secretHint") : undefined}
            value={values[f.key] ?? ""}
            onChange={(e) => onChange(f.key, e.target.value)}
            errors={errors?.[`connection.${f.key}`]}
          />
        );
      })}
    </div>
  );
}
