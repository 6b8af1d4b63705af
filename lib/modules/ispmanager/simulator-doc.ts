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


/**
 * Answer shapes a real panel may give that the default answers do not use, switched on by tests so
 * the module is checked against each: (unconf.) which of them a given ISPmanager version gives.
 */
export type IspVariants = {
  /** user.edit for a missing elid: the value/elid error (default), or a blank form with no error. */
  missingUserForm: "error" | "blank";
  /** A list of one element as an object instead of an array (the XML-to-JSON mapping does this). */
  compactLists: boolean;
  /** Text nodes as plain strings instead of {"$": "…"}. */
  plainText: boolean;
  /** A group operation (user.suspend/resume/delete) answered with the user list instead of doc.ok. */
  groupOpAnswer: "ok" | "list";
};

export const defaultVariants = (): IspVariants => ({ missingUserForm: "error", compactLists: false, plainText: false, groupOpAnswer: "ok" });


/** The answer in the shape the variants ask for: one-element lists as objects, text as plain strings. */
export function reshape(node: unknown, variants: IspVariants, key = ""): unknown {
  if (Array.isArray(node)) {
    const items = node.map((item) => reshape(item, variants, key));
    return variants.compactLists && key === "elem" && items.length === 1 ? items[0] : items;
  }
  if (!node || typeof node !== "object") return node;
  const entries = Object.entries(node as Node);
  if (variants.plainText && entries.length === 1 && entries[0][0] === "$") return entries[0][1];
  return Object.fromEntries(entries.map(([k, v]) => [k, reshape(v, variants, k)]));
}
