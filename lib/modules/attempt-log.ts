import type { AttemptLog } from "./contract";

const MAX_LINE = 2000;

export function createAttemptLog(): AttemptLog {
  const lines: string[] = [];
  const secrets = new Set<string>();
  const redact = (text: string) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join("***");
    for (const s of secrets) out = out.split(encodeURIComponent(s)).join("***");
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
      if (value && value.length >= 3) secrets.add(value);
    },
    text: () => redact(lines.join("\n")),
  };
}
