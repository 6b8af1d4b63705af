import { useLocale } from "next-intl";
import { Notice } from "@/components/ui/card";
import { translateMessage, translateMessages } from "@/lib/i18n/errors";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import type { FormState } from "@/app/admin/form-state";

/**
 * The outcome of an admin action: its error (with field errors not shown elsewhere), or its success
 * message while fresh. `message={false}` leaves the message to a SavedNote by the submit button.
 */
export function FormResult({ state, shownFields = [], message = true }: { state: FormState; shownFields?: string[]; message?: boolean }) {
  const locale = useLocale();
  if (state.error) {
    const other = Object.entries(state.fields ?? {}).filter(([k]) => !shownFields.includes(k));
    return (
      <Notice tone="error">
        {translateMessage(state.error, locale)}
        {other.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {other.map(([k, v]) => (
              <li key={k}>
                {k === "_" ? "" : `${k}: `}
                {translateMessages(v, locale)?.join(" ")}
              </li>
            ))}
          </ul>
        )}
      </Notice>
    );
  }
  if (message && state.message) return <FleetingNotice news={state}>{state.message}</FleetingNotice>;
  return null;
}

/** An action's success message beside its submit button, while fresh (long forms, where a banner is out of sight). */
export function SavedNote({ state }: { state: FormState }) {
  if (state.error || !state.message) return null;
  return (
    <FleetingNotice news={state} inline>
      {state.message}
    </FleetingNotice>
  );
}
