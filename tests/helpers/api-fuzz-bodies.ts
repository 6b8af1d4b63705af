/** Deterministic malformed request bodies for fuzzing the API's POST routes. */

export type Rng = () => number;

/** mulberry32: a small seeded PRNG, so every run sends the same bodies. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** Values no field of ours takes: wrong types, huge, negative and fractional numbers, NULs, long strings. */
export const wrongTypes: unknown[] = [null, true, false, [], {}, [1, 2], { nested: { deeper: [] } }, "", "\u0000"];
export const badNumbers: unknown[] = [0, -1, -1e9, 1.5, 1e308, 2 ** 53 + 2, -(2 ** 53), "1", "100", "1e3", "NaN", ...wrongTypes];
export const longString = (n: number) => "x".repeat(n);

const invalidJson = [
  "{", "}", "[", "]", '{"a":}', '{"a":1,}', "{'a':1}", "{a:1}", '"unterminated', "nul", "tru", "NaN", "Infinity", "-",
  "01", '{"a":1}}', "[1,]", '{"a" 1}', "\u0000", "\uFEFF{}", "{\u0000}", '{"a":"\\x00"}', '{"a":"\\u12"}', "<xml/>", "a=1&b=2",
];

function nested(depth: number, asArray: boolean): string {
  return asArray ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function randomBytes(rng: Rng): string {
  const text = Array.from({ length: int(rng, 1, 64) }, () => String.fromCharCode(int(rng, 0, 255))).join("");
  return text.trim() === "" ? `${text}x` : text;
}

/** A body no POST route accepts, whatever its schema (never empty, never an empty object). */
export function garbage(rng: Rng, valid: unknown): string {
  const validText = JSON.stringify(valid);
  switch (int(rng, 0, 9)) {
    case 0: return pick(rng, invalidJson);
    case 1: return validText.slice(0, int(rng, 1, Math.max(1, validText.length - 1)));
    case 2: return JSON.stringify(pick(rng, [[valid], [], [1, 2, 3], [[]], [null]]));
    case 3: return JSON.stringify(pick(rng, [0, -1, 1e308, "text", true, false, null, "\u0000"]));
    case 4: return nested(int(rng, 50, 5000), rng() < 0.5);
    case 5: return JSON.stringify({ ...(valid as object), padding: longString(int(rng, 66_000, 90_000)) });
    case 6: return JSON.stringify(longString(int(rng, 66_000, 70_000)));
    case 7: return randomBytes(rng);
    case 8: return `${validText}${pick(rng, ["x", "}", ",", "]", '{"a":1}'])}`;
    default: return JSON.stringify({ "\u0000": 1, [longString(int(rng, 1, 300))]: pick(rng, wrongTypes) });
  }
}

/** A mutation that makes a valid body invalid by itself. */
export type Mutation = (body: Record<string, unknown>, rng: Rng) => void;

function setPath(body: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node: Record<string, unknown> = body;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Sets a field to one of the given bad values. */
export const setTo = (path: string, values: readonly unknown[]): Mutation => (body, rng) => setPath(body, path, structuredClone(pick(rng, values)));
/** Removes a required field. */
export const drop = (path: string): Mutation => (body) => {
  const keys = path.split(".");
  const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((n, k) => n?.[k] as Record<string, unknown> | undefined, body);
  if (parent) delete parent[keys.at(-1)!];
};

/** n malformed bodies: structured mutations of a valid body (when mutations are given) mixed with garbage. */
export function malformedBodies(seed: number, n: number, valid: Record<string, unknown>, mutations: Mutation[]): string[] {
  const rng = seeded(seed);
  return Array.from({ length: n }, () => {
    if (mutations.length === 0 || rng() < 0.4) return garbage(rng, valid);
    const body = structuredClone(valid);
    for (let i = int(rng, 1, 3); i > 0; i--) pick(rng, mutations)(body, rng);
    return JSON.stringify(body);
  });
}
