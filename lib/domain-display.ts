/**
 * A domain as people write it: each "xn--" label decoded from punycode (RFC 3492). We store and send
 * punycode; this is for reading only. Runs in the browser too (no node:url); a label that does not
 * decode is shown as stored.
 */
export function displayDomain(name: string | null | undefined): string {
  if (!name) return "";
  return name
    .split(".")
    .map((label) => (/^xn--/i.test(label) ? (decodeLabel(label.slice(4).toLowerCase()) ?? label) : label))
    .join(".");
}

const BASE = 36, T_MIN = 1, T_MAX = 26, SKEW = 38, DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

const digit = (c: number) => (c >= 48 && c <= 57 ? c - 22 : c >= 97 && c <= 122 ? c - 97 : BASE);

/** RFC 3492 §6.2 decoding of one label (without "xn--"), or undefined when it is not valid punycode. */
function decodeLabel(input: string): string | undefined {
  const split = input.lastIndexOf("-");
  const output = split > 0 ? [...input.slice(0, split)].map((c) => c.codePointAt(0)!) : [];
  if (output.some((c) => c >= 0x80)) return undefined;
  let n = 128, i = 0, bias = 72;
  for (let pos = split > 0 ? split + 1 : 0; pos < input.length; ) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) return undefined;
      const d = digit(input.charCodeAt(pos++));
      if (d >= BASE) return undefined;
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return undefined;
    }
    bias = adapt(i - old, output.length + 1, old === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return undefined;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
