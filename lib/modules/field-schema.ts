import { isIP } from "node:net";
import { z } from "zod";
import type { FieldSpec } from "./contract";

function fieldSchema(spec: FieldSpec): z.ZodType<string | undefined> {
  let s = z.string().trim().max(2000);
  if (spec.kind === "ip") s = s.refine((v) => v === "" || isIP(v) !== 0, "Not an IP address");
  if (spec.kind === "url") s = s.url("Not a URL");
  if (spec.kind === "email") s = s.email("Not an email address");
  if (spec.kind === "date") s = s.regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");
  if (spec.kind === "number") s = s.regex(/^\d+$/, "Not a number");
  if (spec.required) return s.min(1, `${spec.label} is required`);
  return z.union([z.literal("").transform(() => undefined), s]).optional();
}

/** A zod schema for a form generated from field specs (a task's closing form, a handler's connection). */
export function formSchema(fields: FieldSpec[], requireAll = true) {
  return z.object(
    Object.fromEntries(fields.map((f) => [f.key, requireAll ? fieldSchema(f) : fieldSchema({ ...f, required: false })])),
  );
}

/** Splits form values into public details and secrets by the fields' secret flag. */
export function splitSecrets(fields: FieldSpec[], values: Record<string, string | undefined>) {
  const details: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === "") continue;
    (f.secret ? secrets : details)[f.key] = v;
  }
  return { details, secrets };
}
