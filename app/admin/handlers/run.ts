import type { Ctx } from "@/lib/services/context";
import { checkHandlerConnection, type CheckResult } from "@/lib/services/handlers/check-connection";
import { createHandler } from "@/lib/services/handlers/create";
import { deleteHandler } from "@/lib/services/handlers/delete";
import { setHandlerEnabled } from "@/lib/services/handlers/set-enabled";
import { updateHandler } from "@/lib/services/handlers/update";
import { attempt, flag, group, num, text, type FormState } from "../form-state";

export type CheckState = FormState & { check?: Omit<CheckResult, "checkedAt"> & { checkedAt: string } };

function settings(form: FormData) {
  const departmentId = num(form, "departmentId");
  return {
    name: text(form, "name"),
    dataCenter: text(form, "dataCenter") || null,
    departmentId: departmentId ?? null,
    priority: num(form, "priority"),
    maxRunning: num(form, "maxRunning"),
  };
}

export function runCreateHandler(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const input = {
      ...settings(form),
      dataCenter: text(form, "dataCenter") || undefined,
      productType: text(form, "productType"),
      module: text(form, "module"),
      connection: group(form, "connection"),
    };
    const handler = await createHandler({ ctx, input });
    return { ok: true, redirectTo: `/admin/handlers/${handler.id}?notice=created` };
  });
}

export function runUpdateHandler(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await updateHandler({ ctx, input: { handlerId: num(form, "handlerId"), ...settings(form), connection: group(form, "connection") } });
    return { ok: true, message: "Saved" };
  });
}

/** Checks the connection typed in the form (module + connection.*), or a saved handler's as stored. */
export function runCheckConnection(ctx: Ctx, form: FormData): Promise<CheckState> {
  return attempt(async () => {
    const typed = form.has("module");
    const input = typed
      ? { handlerId: num(form, "handlerId"), module: text(form, "module"), connection: group(form, "connection") }
      : { handlerId: num(form, "handlerId") };
    const check = await checkHandlerConnection({ ctx, input });
    return { ok: true, check: { ...check, checkedAt: check.checkedAt.toISOString() } };
  });
}

export function runSetHandlerEnabled(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { enabled } = await setHandlerEnabled({ ctx, input: { handlerId: num(form, "handlerId"), enabled: flag(form, "enabled") } });
    return { ok: true, message: enabled ? "Enabled" : "Disabled" };
  });
}

export function runDeleteHandler(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await deleteHandler({ ctx, input: { handlerId: num(form, "handlerId") } });
    return { ok: true, redirectTo: "/admin/handlers?notice=deleted" };
  });
}
