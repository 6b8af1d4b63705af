import type { SimReply } from "../simulator-server";

type Node = Record<string, unknown>;

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** §1: JSON is XML mapped: "$name" keys are attributes, "$" is text, arrays repeat the element. */
function toXml(name: string, node: unknown): string {
  if (Array.isArray(node)) return node.map((item) => toXml(name, item)).join("");
  if (node === null || typeof node !== "object") return `<${name}>${escapeXml(String(node))}</${name}>`;
  let attrs = "";
  let inner = "";
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === "$") inner = escapeXml(String(value)) + inner;
    else if (key.startsWith("$")) attrs += ` ${key.slice(1)}="${escapeXml(String(value))}"`;
    else inner += toXml(key, value);
  }
  return inner ? `<${name}${attrs}>${inner}</${name}>` : `<${name}${attrs}/>`;
}

export function render(params: Record<string, string>, doc: Node): SimReply {
  if (params.out === "json") {
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ doc }) };
  }
  // (unconf.) without out= the real panel answers its web UI; the simulator answers XML.
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${toXml("doc", doc)}`;
  return { status: 200, headers: { "content-type": "text/xml; charset=UTF-8" }, body };
}

