import type { FieldSpec } from "../../modules/contract";
import type { OperationKind, OrderParams } from "../../vocabulary";

export type FormField = FieldSpec & { value?: string };

/** The operations whose task records details of the service; the others only confirm the work. */
export const takesDetails = (kind: OperationKind) => kind === "open" || kind === "prolong" || kind === "change_tariff";

type Known = {
  kind: OperationKind;
  service: { remoteName: string; domain: string | null; params: OrderParams; details: Record<string, string> };
  handlerConnection: Record<string, unknown> | null;
};

/**
 * The fields staff fill in when closing a task, with what is already known filled in: the details
 * the service has, its name on the panel as the login, its domain and host name, the handler's panel
 * URL. Suspend, resume and close tasks ask for no details (their form is a confirmation with a
 * note); a renewal or a tariff change asks for what may have changed (a new expiry), blank.
 */
export function closingFields(fields: FieldSpec[], known: Known): FormField[] {
  if (!takesDetails(known.kind)) return [];
  if (known.kind !== "open") return fields.map((f) => ({ ...f, required: false }));
  const url = known.handlerConnection?.url;
  const guesses: Record<string, string | undefined> = {
    login: known.service.remoteName,
    username: known.service.remoteName,
    domain: known.service.domain ?? known.service.params.domain,
    hostname: known.service.params.hostname,
    panel_url: typeof url === "string" && /^https?:\/\//.test(url) ? url : undefined,
  };
  return fields.map((f) => {
    const value = f.secret ? undefined : (known.service.details[f.key] ?? guesses[f.key]);
    return { ...f, ...(value ? { value } : {}) };
  });
}
