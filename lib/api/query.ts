import type { z } from "zod";

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const wrappers = ["optional", "default", "nullable", "prefault", "readonly"];

/** The definition under optional/default/nullable wrappers. */
function unwrap(schema: z.ZodType): Def {
  let def = defOf(schema);
  while (def.innerType && wrappers.includes(def.type)) def = defOf(def.innerType);
  return def;
}

/** The fields of an object schema, even one wrapped in .default({}). */
export function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  const def = schema ? unwrap(schema) : undefined;
  return def?.type === "object" ? (def.shape ?? {}) : {};
}

/**
 * Query parameters as the input of a verb's schema: numbers and booleans the schema expects become
 * numbers and booleans, repeated or comma-separated values of an array become arrays; the rest stay
 * strings and the schema judges them.
 */
export function queryInput(schema: z.ZodType | undefined, params: URLSearchParams): Record<string, unknown> {
  const shape = objectShape(schema);
  const input: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const type = Object.hasOwn(shape, key) ? unwrap(shape[key]!).type : "string";
    const one = values.at(-1) ?? "";
    if (type === "array") input[key] = values.flatMap((v) => v.split(",")).filter((v) => v !== "");
    else if (values.length > 1) input[key] = values;
    else if (type === "number" && /^-?\d+(\.\d+)?$/.test(one)) input[key] = Number(one);
    else if (type === "boolean" && (one === "true" || one === "false")) input[key] = one === "true";
    else input[key] = one;
  }
  return input;
}
