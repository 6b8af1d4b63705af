import type { SuspensionReason } from "@/lib/vocabulary";

/** Suspension reasons in the admin's words (the Suspend form and the service page's list). */
export const suspensionReasonLabels: Record<SuspensionReason, string> = {
  non_payment: "Not paid",
  abuse: "Abuse",
  client_request: "The client asked for it",
  admin: "Other (administrator's decision)",
};
