const BASE = "http://local.invalid";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Decodes ASCII %-escapes until nothing changes (nested "%252F" too); null when it keeps changing. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const next = current.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) return current;
    current = next;
  }
  return null;
}

const sameOrigin = (path: string) => {
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
};

/**
 * A "next" or "callbackUrl" that stays on this site: a path starting with one "/", which after
 * decoding (and as a browser reads it: tabs and newlines dropped, "\" as "/") is still a path
 * here. Returns the path as the URL parser writes it, or undefined for anything else
 * ("//host", "/\host", "/%09/host", "javascript:", absolute URLs, control characters).
 */
export function localPath(value: unknown): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length > 2000 || !/^\/(?![/\\])/.test(raw)) return undefined;
  const decoded = fullyDecoded(raw);
  if (decoded === null || CONTROL.test(decoded) || CONTROL.test(raw)) return undefined;
  const asBrowserReads = decoded.replace(/\\/g, "/");
  if (asBrowserReads.startsWith("//") || !sameOrigin(raw) || !sameOrigin(asBrowserReads)) return undefined;
  const url = new URL(raw, BASE);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The same check for an absolute address on this site's own origin (Auth.js passes those): its path, or undefined. */
export function localPathOf(value: string, origin: string): string | undefined {
  if (value.startsWith("/")) return localPath(value);
  try {
    const url = new URL(value);
    return url.origin === new URL(origin).origin ? localPath(`${url.pathname}${url.search}${url.hash}`) : undefined;
  } catch {
    return undefined;
  }
}
