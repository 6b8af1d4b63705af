import { inflateSync } from "node:zlib";

/**
 * The text a PDF made by @react-pdf/renderer shows, text runs joined by single spaces: page
 * streams inflated, each run decoded through its font's ToUnicode map (embedded fonts write glyph
 * ids) or as Latin-1 bytes (the built-in fonts).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.match(/stream\r?\n([\s\S]*?)\r?\nendstream/);
    let stream: string | null = null;
    if (s) {
      try {
        stream = inflateSync(Buffer.from(s[1]!, "latin1")).toString("latin1");
      } catch {
        stream = null;
      }
    }
    objects.set(m[1]!, { dict: body.replace(/stream\r?\n[\s\S]*?\r?\nendstream/, ""), stream });
  }
  const fontMaps = new Map<string, Map<number, string> | null>();
  for (const dicts of raw.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const ref of dicts[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(ref[2]!);
      const toUnicode = font?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      fontMaps.set(ref[1]!, toUnicode ? cmap(objects.get(toUnicode)?.stream ?? "") : null);
    }
  }
  const runs: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/\bTJ\b/.test(stream)) continue;
    let map: Map<number, string> | null = null;
    for (const op of stream.matchAll(/\/(\w+) [\d.]+ Tf|\[(.*?)\] TJ/g)) {
      if (op[1]) {
        map = fontMaps.get(op[1]) ?? null;
        continue;
      }
      const hex = [...op[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!).join("");
      if (!map) runs.push(Buffer.from(hex, "hex").toString("latin1"));
      else runs.push((hex.match(/.{4}/g) ?? []).map((code) => map!.get(parseInt(code, 16)) ?? "?").join(""));
    }
  }
  return runs.join(" ").replace(/\s+/g, " ");
}

const utf16 = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex").swap16().toString("utf16le");

/** A ToUnicode CMap's bfchar and bfrange entries: code → text. */
function cmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(r[1]!, 16);
      const to = parseInt(r[2]!, 16);
      if (r[3]!.startsWith("[")) {
        [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(from + i, utf16(d[1]!)));
      } else {
        const start = parseInt(r[3]!.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(start + c - from));
      }
    }
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const c of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(c[1]!, 16), utf16(c[2]!));
  }
  return map;
}
