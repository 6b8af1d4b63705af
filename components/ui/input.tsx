import type { InputHTMLAttributes } from "react";
import { useLocale } from "next-intl";
import { translateMessages } from "@/lib/i18n/errors";

export type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
};

/** A labelled input with its hint, or its field errors in place of the hint, wired up for screen readers. */
export function Field({ name, label, errors: given, hint, id = name, className = "", ...props }: FieldProps) {
  const errors = translateMessages(given, useLocale());
  const invalid = Boolean(errors?.length);
  const hintId = hint && !invalid ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-xs outline-none focus:ring-2 sm:text-sm ${
          invalid ? "border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-100"
        }`}
        {...props}
      />
      {hintId && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
