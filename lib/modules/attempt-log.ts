import { ModuleError, type AttemptLog } from "./contract";

const MAX_LINE = 2000;

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Every written form of a secret a panel may echo: raw, URL-, JSON- and XML-escaped. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), xmlEscape(secret)])];
}

export type RedactingLog = AttemptLog & {
  /** Any text (a panel's error message) with the registered secrets replaced by ***. */
  redact(text: string): string;
  /** The same error with its message redacted, as it will be stored on operations, attempts and handlers. */
  redactError(error: ModuleError): ModuleError;
};

export function createAttemptLog(): RedactingLog {
  const lines: string[] = [];
  // Each secret with its written forms, worked out when it is registered rather than on every redaction.
  const secrets = new Map<string, string[]>();
  const redact = (text: string) => {
    let out = text;
    for (const written of secrets.values()) for (const f of written) if (out.includes(f)) out = out.split(f).join("***");
    return out;
  };
  return {
    line(text) {
      // eslint-disable-next-line no-control-regex -- a panel's junk answer must not break the text column
      const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "?");
      const t = clean.length > MAX_LINE ? `${clean.slice(0, MAX_LINE)}…` : clean;
      lines.push(`${new Date().toISOString()} ${t}`);
    },
    secret(value) {
      if (value && value.length >= 3 && !secrets.has(value)) secrets.set(value, forms(value));
    },
    text: () => redact(lines.join("\n")),
    redact,
    redactError(error) {
      const message = redact(error.message);
      return message === error.message ? error : new ModuleError(error.code, message, error.retryable);
    },
  };
}
