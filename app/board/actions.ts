"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { runClose, runHandBack, runReassign, runRestart, runTake, type TaskActionState } from "./task-actions";

type Run = typeof runTake;

async function perform(run: Run, form: FormData): Promise<TaskActionState> {
  const state = await run(await currentActor(), form);
  if (state.ok) revalidatePath("/board", "layout");
  return state;
}

export async function takeTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runTake, form);
}

export async function handBackTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runHandBack, form);
}

export async function reassignTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runReassign, form);
}

export async function restartOperationAction(_prev: TaskActionState, form: FormData) {
  return perform(runRestart, form);
}

export async function closeTaskAction(_prev: TaskActionState, form: FormData) {
  return perform(runClose, form);
}
