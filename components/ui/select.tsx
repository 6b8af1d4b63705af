import type { SelectHTMLAttributes } from "react";
import { useLocale } from "next-intl";
import { translateMessages } from "@/lib/i18n/errors";

export type Option = { value: string | number; label: string };

export type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string;
  label: string;
  options: Option[];
  errors?: string[];
  hint?: string;
  /** A first, empty option ("Any", "None", ...). */
  empty?: string;
};

/** A labelled select with its hint or field errors, like Field for inputs. */
export function SelectField({ name, label, options, errors: given, hint, empty, id = name, className = "", ...props }: SelectFieldProps) {
  const errors = translateMessages(given, useLocale());
  const invalid = Boolean(errors?.length);
  const describedBy = invalid ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-xs outline-none focus:ring-2 sm:text-sm ${
          invalid ? "border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-100"
        }`}
        {...props}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && !invalid && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
