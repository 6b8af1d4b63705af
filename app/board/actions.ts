"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requestCtx } from "@/lib/services/request-context";
import { getTaskEmail } from "@/lib/services/tasks/email";
import type { RevealState } from "@/components/ui/reveal-email";
import { runClose, runHandBack, runReassign, runRestart, runTake, type TaskActionState } from "./task-actions";

type Run = typeof runTake;

/** What the task page says after an action whose form disappears once it worked (its `notices`). */
export type TaskNotice = "taken" | "handed-back" | "reassigned" | "restarted" | "closed";

async function perform(run: Run, form: FormData, notice?: TaskNotice): Promise<TaskActionState> {
  const state = await run(await requestCtx(), form);
  if (state.ok) revalidatePath("/board", "layout");
  const taskId = Number(form.get("taskId"));
  if (state.ok && notice && Number.isInteger(taskId) && taskId > 0) redirect(`/board/tasks/${taskId}?notice=${notice}`);
  return state;
}

export async function takeTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runTake, form, "taken");
}

export async function handBackTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runHandBack, form, "handed-back");
}

export async function reassignTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runReassign, form, "reassigned");
}

export async function restartOperationAction(_prev: TaskActionState, form: FormData) {
  return perform(runRestart, form, "restarted");
}

export async function closeTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runClose, form, "closed");
}

/** Shows the client's email of a task with its secrets; the verb writes the audit row. */
export async function revealTaskEmailAction(_prev: RevealState, form: FormData): Promise<RevealState> {
  const ctx = await requestCtx();
  try {
    const email = await getTaskEmail({ ctx, input: { taskId: Number(form.get("taskId")), reveal: true } });
    return { text: email?.text ?? "" };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
