import type { FieldSpec } from "./contract";

/** What a failed connection check most likely means, in plain words, and the fields to look at. */
export type CheckAdvice = { message: string; fields: string[] };

const ADDRESS = /^(url|host|port|endpoint|server)$/i;
const LOGIN = /^(username|user|login|email|org)$/i;
const NAMED_ON_PANEL = /id$|cluster|^os$|pool|network/i;

const keys = (fields: FieldSpec[], test: (f: FieldSpec) => boolean) => fields.filter(test).map((f) => f.key);

function labels(fields: FieldSpec[], picked: string[]): string {
  const names = fields.filter((f) => picked.includes(f.key)).map((f) => `"${f.label}"`);
  if (names.length <= 1) return names[0] ?? "the connection";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Reads a module's error code from a connection check as advice: which fields the panel's answer
 * points at (credentials for a refused login, the address when nothing answers) and what to do.
 */
export function checkAdvice(code: string | null, fields: FieldSpec[]): CheckAdvice {
  const address = keys(fields, (f) => !f.secret && (f.kind === "url" || ADDRESS.test(f.key)));
  const login = keys(fields, (f) => f.secret || (LOGIN.test(f.key) && !address.includes(f.key)));
  const named = keys(fields, (f) => !f.secret && NAMED_ON_PANEL.test(f.key) && !address.includes(f.key));
  const timeout = keys(fields, (f) => /timeout/i.test(f.key));
  switch (code) {
    case "auth":
    case "invalid_password":
    case "not_authorized":
    case "forbidden":
      return { fields: login, message: `The panel did not accept the sign-in: check ${labels(fields, login)}.` };
    case "network":
      return { fields: address, message: `Nothing answered at that address: check ${labels(fields, address)}, and that the panel is running.` };
    case "timeout":
      return { fields: [...address, ...timeout], message: `The panel did not answer in time: check ${labels(fields, address)}, or allow more time.` };
    case "tls":
      return { fields: address, message: "The panel's certificate is not trusted: check the address, or give the certificate it uses." };
    case "bad_response":
    case "version":
      return { fields: address, message: `Something answered, but not the panel's API as this module speaks it: check ${labels(fields, address)}.` };
    case "not_found":
      return { fields: [...address, ...named], message: `The panel does not know something the connection names: check ${labels(fields, [...address, ...named])}.` };
    case "rate_limited":
    case "busy":
      return { fields: [], message: "The panel is busy or limits how often it is called: try again in a minute." };
    default:
      if (code?.startsWith("http_5")) return { fields: [], message: "The panel had an internal error: try again later, or ask whoever runs it." };
      return { fields: [], message: "The panel answered with an error: the log below shows what it said." };
  }
}
