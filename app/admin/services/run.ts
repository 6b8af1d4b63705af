import type { Ctx } from "@/lib/services/context";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { attempt, num, text, type FormState } from "../form-state";

/** Suspend, resume, close or sync now: queues the operation; the runner does it. */
export function runServiceOperation(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const kind = text(form, "kind");
    const { id, created } = await requestServiceOperation({ ctx, input: { serviceId: num(form, "serviceId"), kind } });
    return { ok: true, message: created ? `Queued: operation #${id}` : `Already in progress: operation #${id}` };
  });
}
