"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import type { TaskActionState } from "@/app/board/task-actions";

type Action = (state: TaskActionState, form: FormData) => Promise<TaskActionState>;

/** A one-button form for a task (take, hand back, restart, reassign) that shows the verb's answer. */
export function TaskActionForm(props: {
  action: Action;
  taskId: number;
  label: string;
  pendingText: string;
  variant?: "primary" | "secondary";
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(props.action, {});
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="taskId" value={props.taskId} />
      <div className="flex flex-wrap items-end gap-2">
        {props.children}
        <SubmitButton variant={props.variant ?? "primary"} pendingText={props.pendingText}>
          {props.label}
        </SubmitButton>
      </div>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.ok && <FleetingNotice news={state}>{state.ok}</FleetingNotice>}
    </form>
  );
}
