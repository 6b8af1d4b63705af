import { AppError, type FieldErrors } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { restartOperation } from "@/lib/services/operations/restart";
import { closeTask } from "@/lib/services/tasks/close";
import { getTask } from "@/lib/services/tasks/get";
import { handBackTask } from "@/lib/services/tasks/hand-back";
import { reassignTask } from "@/lib/services/tasks/reassign";
import { takeTask } from "@/lib/services/tasks/take";

/**
 * The board's server actions without the Next.js parts: form data in, verb called with the given
 * context, errors turned into form state. Not a "use server" file, so none of these is callable from a browser.
 */
export type TaskActionState = { ok?: string; error?: string; fields?: FieldErrors; values?: Record<string, string> };

type Run = (ctx: Ctx, form: FormData) => Promise<TaskActionState>;

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};
const taskIdOf = (form: FormData) => Number(text(form, "taskId"));

async function attempt(work: () => Promise<string>, extra: TaskActionState = {}): Promise<TaskActionState> {
  try {
    return { ok: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = (error.details as { fields?: FieldErrors } | undefined)?.fields;
    return { ...extra, error: error.message, ...(fields ? { fields } : {}) };
  }
}

export const runTake: Run = (ctx, form) =>
  attempt(async () => {
    await takeTask({ ctx, input: { taskId: taskIdOf(form) } });
    return "The task is yours now.";
  });

export const runHandBack: Run = (ctx, form) =>
  attempt(async () => {
    await handBackTask({ ctx, input: { taskId: taskIdOf(form) } });
    return "The task is back on the board.";
  });

export const runReassign: Run = (ctx, form) =>
  attempt(async () => {
    const to = text(form, "assigneeId");
    await reassignTask({ ctx, input: { taskId: taskIdOf(form), assigneeId: to ? Number(to) : null } });
    return to ? "The task has a new holder." : "The task is unassigned.";
  });

export const runRestart: Run = (ctx, form) =>
  attempt(async () => {
    const task = await getTask({ ctx, input: { taskId: taskIdOf(form) } });
    if (!task.canRestart) throw new AppError("conflict", "This operation cannot be restarted from this task");
    await restartOperation({ ctx, input: { operationId: task.operation.id } });
    return "The operation runs again; this task was put aside.";
  });

/** Form entries named "fields.<key>" are the module's service fields. */
export const runClose: Run = (ctx, form) => {
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith("fields.") && typeof value === "string") fields[name.slice("fields.".length)] = value;
  }
  const note = text(form, "note").trim();
  return attempt(
    async () => {
      await closeTask({ ctx, input: { taskId: taskIdOf(form), fields, ...(note ? { note } : {}) } });
      return "Task closed. The operation is done and the client gets their email.";
    },
    { values: { ...fields, note } },
  );
};
