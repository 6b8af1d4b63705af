import type { AttemptOutcome, OperationKind, TaskReason, TaskStatus } from "@/lib/vocabulary";

export const taskStatusLabel: Record<TaskStatus, string> = {
  new: "New",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
};

export const operationLabel: Record<OperationKind, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff",
  sync: "Sync",
  manage: "Domain change",
};

/** How an attempt ended, for people. */
export const attemptOutcomeLabel: Record<AttemptOutcome, string> = {
  done: "done",
  pending: "accepted, waiting for the panel",
  error: "failed",
};

export const reasonLabel: Record<TaskReason, string> = {
  manual_handler: "Manual setup",
  escalated: "Escalated after errors",
  no_handler: "No processing module",
  switched: "Switched to manual",
};

/** "just now", "12 min", "3 h", "5 d": how long ago a task came in. */
export function formatAge(from: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}
