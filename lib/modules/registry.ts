import type { ModuleKind } from "../vocabulary";
import { ModuleError, type ProcessingModule } from "./contract";
import { cpanel } from "./cpanel";
import { epp } from "./epp";
import { ispmanager } from "./ispmanager";
import { manual } from "./manual";
import { vcloud } from "./vcloud";
import { vmmanager } from "./vmmanager";
import { webnames } from "./webnames";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own connection type
export type AnyModule = ProcessingModule<any>;

/** The modules this build carries; other kinds arrive later. */
export const modules: Partial<Record<ModuleKind, AnyModule>> = { manual, ispmanager, vmmanager, vcloud, cpanel, webnames, epp };

export function getModule(kind: string): AnyModule {
  const found = Object.hasOwn(modules, kind) ? modules[kind as ModuleKind] : undefined;
  if (!found) throw new ModuleError("module_missing", `No processing module '${kind}' in this build`, false);
  return found;
}

const secretKeys = (module: Pick<AnyModule, "connectionFields">) =>
  new Set(module.connectionFields.filter((f) => f.secret).map((f) => f.key));

/** Splits a connection into the plain part (stored as is) and the secret part (stored encrypted). */
export function splitConnection(
  module: Pick<AnyModule, "connectionFields">,
  values: Record<string, unknown>,
): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const secret = secretKeys(module);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) (secret.has(key) ? secrets : plain)[key] = value;
  return { plain, secrets };
}

/** The full connection a module receives: plain and decrypted secret fields together. */
export function mergeConnection(plain: Record<string, unknown>, secrets: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return { ...plain, ...(secrets ?? {}) };
}
