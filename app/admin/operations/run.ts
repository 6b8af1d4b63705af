import type { Ctx } from "@/lib/services/context";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { restartOperation } from "@/lib/services/operations/restart";
import { switchOperationToManual } from "@/lib/services/operations/switch-to-manual";
import { attempt, num, type FormState } from "../form-state";

const operationId = (form: FormData) => ({ operationId: num(form, "operationId") });

export function runRestartOperation(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await restartOperation({ ctx, input: operationId(form) });
    return { ok: true, message: "Restarted: it runs again now" };
  });
}

export function runSwitchToManual(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { taskId } = await switchOperationToManual({ ctx, input: operationId(form) });
    return { ok: true, message: `Switched to manual processing: task #${taskId}` };
  });
}

export function runCancelOperation(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const result = await cancelOperation({ ctx, input: operationId(form) });
    return { ok: true, message: result.setup?.message ?? "Cancelled" };
  });
}
