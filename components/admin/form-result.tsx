import { Notice } from "@/components/ui/card";
import type { FormState } from "@/app/admin/form-state";

/** The outcome of an admin action: its error (with field errors not shown elsewhere) or its message. */
export function FormResult({ state, shownFields = [] }: { state: FormState; shownFields?: string[] }) {
  if (state.error) {
    const other = Object.entries(state.fields ?? {}).filter(([k]) => !shownFields.includes(k));
    return (
      <Notice tone="error">
        {state.error}
        {other.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {other.map(([k, v]) => (
              <li key={k}>
                {k === "_" ? "" : `${k}: `}
                {v.join(" ")}
              </li>
            ))}
          </ul>
        )}
      </Notice>
    );
  }
  if (state.message) return <Notice>{state.message}</Notice>;
  return null;
}
