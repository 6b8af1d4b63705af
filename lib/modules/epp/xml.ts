/**
 * XML for EPP: building with escaping, and a strict, namespace-aware parser. EPP servers may use any
 * prefix or a default namespace (protocols.md §5), so elements are found by namespace and local name;
 * a document that is not well-formed (truncated, bad nesting, unbound prefix, unknown entity) throws.
 */

export const EPP_NS = "urn:ietf:params:xml:ns:epp-1.0";
export const DOMAIN_NS = "urn:ietf:params:xml:ns:domain-1.0";
export const CONTACT_NS = "urn:ietf:params:xml:ns:contact-1.0";
export const HOST_NS = "urn:ietf:params:xml:ns:host-1.0";
/** RFC 3915 registry grace periods: rgpStatus (redemptionPeriod, pendingRestore, …) in an info answer's extension. */
export const RGP_NS = "urn:ietf:params:xml:ns:rgp-1.0";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

export const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** <name attrs>escaped text</name>; attribute values are escaped too. */
export function el(name: string, text: string | number, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join("");
  return `<${name}${a}>${escapeXml(String(text))}</${name}>`;
}

export const eppDocument = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="no"?><epp xmlns="${EPP_NS}">${inner}</epp>`;

export type XmlElement = {
  ns: string;
  local: string;
  /** Attributes without a prefix, by name (namespace declarations left out). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (not its descendants'). */
  text: string;
};

export class XmlError extends Error {}

const NAME = /[\p{L}_][\p{L}\p{N}._-]*(?::[\p{L}_][\p{L}\p{N}._-]*)?/uy;
const END = /\s*>/y;
const SPACE = /\s*/y;
const ATTR = /([\p{L}_][\p{L}\p{N}._:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/uy;

/** Matches a sticky pattern at a position, without copying the rest of the document. */
function at(pattern: RegExp, text: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(text);
}
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(raw: string): string {
  if (raw.includes("<")) throw new XmlError("'<' in character data");
  return raw.replace(/&([^;&\s]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError("bare '&'");
    if (ENTITIES[ref]) return ENTITIES[ref];
    const code = /^#x[0-9a-f]+$/i.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`unknown entity &${ref};`);
    return String.fromCodePoint(code);
  });
}

type Open = { qname: string; scope: Record<string, string>; element: XmlElement };

/** Parses one document; throws XmlError unless it is well-formed with every prefix bound. */
export function parseXml(input: string): XmlElement {
  const xml = input.replace(/^\uFEFF/, "");
  let pos = 0;
  let root: XmlElement | null = null;
  const stack: Open[] = [];
  const fail = (why: string): never => {
    throw new XmlError(`${why} at ${pos}`);
  };
  const skipTo = (end: string) => {
    const at = xml.indexOf(end, pos);
    if (at < 0) fail(`unterminated markup (no ${end})`);
    const inner = xml.slice(pos, at);
    pos = at + end.length;
    return inner;
  };
  const resolve = (qname: string, scope: Record<string, string>, isAttr: boolean) => {
    const colon = qname.indexOf(":");
    if (colon < 0) return { ns: isAttr ? "" : (scope[""] ?? ""), local: qname };
    const prefix = qname.slice(0, colon);
    const ns = prefix === "xml" ? XML_NS : scope[prefix];
    if (ns === undefined) fail(`unbound prefix ${prefix}`);
    return { ns: ns!, local: qname.slice(colon + 1) };
  };

  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    if (text) {
      const top = stack.at(-1);
      if (top) top.element.text += decode(text);
      else if (text.trim()) fail("text outside the root element");
    }
    if (lt < 0) break;
    pos = lt;
    if (xml.startsWith("<?", pos)) {
      pos += 2;
      skipTo("?>");
    } else if (xml.startsWith("<!--", pos)) {
      pos += 4;
      if (skipTo("-->").includes("--")) fail("'--' in a comment");
    } else if (xml.startsWith("<![CDATA[", pos)) {
      if (!stack.length) fail("CDATA outside the root element");
      pos += 9;
      stack.at(-1)!.element.text += skipTo("]]>");
    } else if (xml.startsWith("<!", pos)) {
      fail("DOCTYPE and declarations are not accepted");
    } else if (xml.startsWith("</", pos)) {
      pos += 2;
      const name = at(NAME, xml, pos)?.[0] ?? fail("bad end tag");
      pos += name.length;
      const rest = at(END, xml, pos) ?? fail("bad end tag");
      pos += rest[0].length;
      const open = stack.pop();
      if (!open || open.qname !== name) fail(`</${name}> does not close <${open?.qname ?? "nothing"}>`);
    } else {
      pos += 1;
      if (root && !stack.length) fail("a second root element");
      const qname = at(NAME, xml, pos)?.[0] ?? fail("bad start tag");
      pos += qname.length;
      const rawAttrs: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        const space = at(SPACE, xml, pos)![0];
        pos += space.length;
        if (xml.startsWith("/>", pos)) {
          pos += 2;
          selfClosing = true;
          break;
        }
        if (xml.startsWith(">", pos)) {
          pos += 1;
          break;
        }
        if (!space) fail("attributes must be separated by white space");
        const attr = at(ATTR, xml, pos) ?? fail(`bad attribute in <${qname}>`);
        if (rawAttrs.some(([n]) => n === attr[1])) fail(`attribute ${attr[1]} twice`);
        rawAttrs.push([attr[1]!, decode(attr[2] ?? attr[3] ?? "")]);
        pos += attr[0].length;
      }
      const scope = { ...(stack.at(-1)?.scope ?? {}) };
      for (const [n, v] of rawAttrs) {
        if (n === "xmlns") scope[""] = v;
        else if (n.startsWith("xmlns:")) scope[n.slice(6)] = v;
      }
      const { ns, local } = resolve(qname, scope, false);
      const attrs: Record<string, string> = {};
      for (const [n, v] of rawAttrs) {
        if (n === "xmlns" || n.startsWith("xmlns:")) continue;
        const a = resolve(n, scope, true);
        attrs[a.ns ? `{${a.ns}}${a.local}` : a.local] = v;
      }
      const element: XmlElement = { ns, local, attrs, children: [], text: "" };
      const parent = stack.at(-1);
      if (parent) parent.element.children.push(element);
      else root = element;
      if (!selfClosing) stack.push({ qname, scope, element });
    }
  }
  if (stack.length) fail(`<${stack.at(-1)!.qname}> is never closed`);
  if (!root) fail("no root element");
  return root!;
}

/** The direct children with that namespace and local name. */
export const childrenOf = (parent: XmlElement | undefined, ns: string, local: string) =>
  parent?.children.filter((c) => c.ns === ns && c.local === local) ?? [];

export const childOf = (parent: XmlElement | undefined, ns: string, local: string): XmlElement | undefined =>
  childrenOf(parent, ns, local)[0];

/** Every descendant with that namespace and local name, in document order. */
export function findAll(parent: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (!parent) return [];
  return parent.children.flatMap((c) => [...(c.ns === ns && c.local === local ? [c] : []), ...findAll(c, ns, local)]);
}

export const find = (parent: XmlElement | undefined, ns: string, local: string) => findAll(parent, ns, local)[0];

/** The trimmed text of the first descendant with that name, if any. */
export const textIn = (parent: XmlElement | undefined, ns: string, local: string) => find(parent, ns, local)?.text.trim();

/** xs:boolean (e.g. avail): "1" or "true", "0" or "false", after white-space collapse; anything else is undefined. */
export function xsBoolean(value: string | undefined): boolean | undefined {
  const v = value?.trim();
  return v === "1" || v === "true" ? true : v === "0" || v === "false" ? false : undefined;
}
