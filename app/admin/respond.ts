import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "./form-state";

/** The last step of an admin action: go where the state says, or re-render the page after a change. */
export function respond<T extends FormState>(state: T): T {
  if (state.redirectTo) redirect(state.redirectTo);
  if (!state.error) refresh();
  return state;
}
