/** Just enough XML for EPP: escaping, building, and regex extraction by local name (any prefix). */

export const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export const unescapeXml = (value: string) =>
  value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** <name attrs>escaped text</name>; attribute values are escaped too. */
export function el(name: string, text: string | number, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join("");
  return `<${name}${a}>${escapeXml(String(text))}</${name}>`;
}

const NAME = (local: string) => `(?:[A-Za-z_][\\w.-]*:)?${local}`;

/** Every element with that local name: its attributes (raw) and inner XML. */
export function elements(xml: string, local: string): { attrs: string; inner: string }[] {
  const re = new RegExp(`<${NAME(local)}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${NAME(local)}>)`, "g");
  return [...xml.matchAll(re)].map((m) => ({ attrs: m[1] ?? "", inner: m[2] ?? "" }));
}

/** The unescaped text of the first element with that local name. */
export function textOf(xml: string, local: string): string | undefined {
  const found = elements(xml, local)[0];
  return found ? unescapeXml(found.inner.trim()) : undefined;
}

export const textsOf = (xml: string, local: string): string[] => elements(xml, local).map((e) => unescapeXml(e.inner.trim()));

export function attrOf(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
}

export const has = (xml: string, local: string) => new RegExp(`<${NAME(local)}[\\s/>]`).test(xml);

export const EPP_NS = "urn:ietf:params:xml:ns:epp-1.0";
export const DOMAIN_NS = "urn:ietf:params:xml:ns:domain-1.0";
export const CONTACT_NS = "urn:ietf:params:xml:ns:contact-1.0";

export const eppDocument = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="no"?><epp xmlns="${EPP_NS}">${inner}</epp>`;
