import type { SelectHTMLAttributes } from "react";

export type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  errors?: string[];
};

/** A labelled select with its field errors, styled like components/ui Field. */
export function SelectField({ name, label, options, errors, id = name, className = "", ...props }: SelectFieldProps) {
  const invalid = Boolean(errors?.length);
  const errorId = invalid ? `${id}-error` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={errorId}
        className={`w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-xs outline-none focus:ring-2 sm:text-sm ${
          invalid ? "border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-100"
        }`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {invalid && (
        <p id={errorId} className="text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
