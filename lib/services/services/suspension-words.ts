import { suspensionReasons, type SuspensionReason } from "../../vocabulary";

/** The reason in the client's words, and what the client can do about it. */
export const suspensionWords: Record<SuspensionReason, { label: string; nextStep: string }> = {
  non_payment: { label: "Not paid", nextStep: "Pay the renewal (or top up the balance and renew): the service resumes by itself once it is paid." },
  abuse: { label: "Abuse of the terms of service", nextStep: "Please contact support to resolve the report." },
  client_request: { label: "Suspended at your request", nextStep: "Contact support when you want it resumed." },
  admin: { label: "Suspended by an administrator", nextStep: "Please contact support." },
};

/** The reason a suspended email gives, from a suspend operation's params (renewals wrote "expired" before reasons were kept). */
export function suspendedEmailReason(params: Record<string, unknown>): string | undefined {
  const reason = params.reason === "expired" ? "non_payment" : params.reason;
  if (!(suspensionReasons as readonly unknown[]).includes(reason)) return undefined;
  const words = suspensionWords[reason as SuspensionReason];
  return `${words.label}. ${words.nextStep}`;
}
