/** Reads a domain change from a form (the client's and the admin's pages share it), and says what happens next. */
export function domainChangeInput(form: FormData) {
  const action = String(form.get("action") ?? "");
  const nameservers = String(form.get("nameservers") ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return {
    serviceId: Number(form.get("serviceId")),
    action,
    ...(action === "nameservers" ? { nameservers } : {}),
    ...(action === "lock" ? { locked: form.get("locked") === "on" } : {}),
  };
}

const next: Record<string, string> = {
  nameservers: "The new name servers are being sent to the registry. The internet follows within a few hours.",
  lock: "The transfer lock is being changed at the registry.",
  authcode: "A new auth code is being set at the registry; the old one stops working.",
  contact: "Your profile is being sent to the registry.",
};

export const domainChangeMessage = (action: string) => next[action] ?? "The change is being made.";

/** A refusal in one line: the field messages (e.g. a bad name server) rather than a generic "check the form". */
export function domainChangeError(failure: { fields?: Record<string, string[] | undefined>; error?: string }): string {
  const fields = Object.values(failure.fields ?? {}).flat().filter(Boolean);
  return fields.length ? fields.join(" ") : (failure.error ?? "The change could not be made");
}
