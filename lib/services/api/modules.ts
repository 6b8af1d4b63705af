import { modules } from "../../modules/registry";
import type { FieldSpec } from "../../modules/contract";
import { AppError } from "../../errors";
import type { Ctx } from "../context";

const field = ({ key, label, secret, required, kind }: FieldSpec) => ({ key, label, secret: Boolean(secret), required: Boolean(required), kind: kind ?? "text" });

/**
 * The processing modules this build carries: what each serves and the fields of its connection and
 * of a done service. Field specs only, never values; anyone signed in or holding a key may read it.
 */
export async function listModules({ ctx }: { ctx: Ctx }) {
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  return Object.values(modules).map((m) => ({
    kind: m.kind,
    title: m.title,
    productTypes: [...m.productTypes],
    usesTemplates: m.usesTemplates,
    alwaysManual: Boolean(m.alwaysManual),
    connectionFields: m.connectionFields.map(field),
    serviceFields: m.serviceFields.map(field),
  }));
}
