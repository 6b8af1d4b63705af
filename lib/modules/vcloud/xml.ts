/** Just enough XML for the vCloud legacy API: flat lookups by tag name, namespace prefixes ignored. */

export type XmlElement = { attrs: Record<string, string>; inner: string };

export const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");

/** Attributes in double or single quotes (both are XML; a namespace prefix stays part of the name). */
function attrsOf(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]!] = unescapeXml(m[2] ?? m[3] ?? "");
  return attrs;
}

/** An attribute by its local name, whatever prefix it carries (vcloud:capacity, ns9:capacity, capacity). */
export const attrLocal = (attrs: Record<string, string>, local: string) =>
  Object.entries(attrs).find(([name]) => name === local || name.endsWith(`:${local}`))?.[1];

/** Every <tag …/> or <tag …>…</tag> in the text; elements of one tag are assumed not to nest. */
export function elements(xml: string, tag: string): XmlElement[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${tag}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}\\s*>)`, "g");
  return [...xml.matchAll(re)].map((m) => ({ attrs: attrsOf(m[1] ?? ""), inner: m[2] ?? "" }));
}

export const element = (xml: string, tag: string): XmlElement | undefined => elements(xml, tag)[0];

/** The unescaped text inside the first <tag>, or undefined. */
export function textOf(xml: string, tag: string): string | undefined {
  const found = element(xml, tag);
  return found ? unescapeXml(found.inner.trim()) : undefined;
}

/** The last path segment of an href: ".../api/vApp/vapp-1" → "vapp-1". */
export const idOf = (href: string | undefined) => (href ?? "").replace(/[?#].*$/, "").split("/").filter(Boolean).at(-1) ?? "";
