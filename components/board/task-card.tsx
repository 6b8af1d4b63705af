import Link from "next/link";
import type { TaskListItem } from "@/lib/services/tasks/list";
import { serviceLabel } from "@/components/admin/labels";
import { formatAge, operationLabel, reasonLabel } from "./labels";

/** The event a card's time is about: closed for done, taken for in progress, else when it came in. */
function eventOf(task: TaskListItem): { at: Date; verb: string } {
  if ((task.status === "done" || task.status === "cancelled") && task.closedAt) return { at: task.closedAt, verb: task.status === "done" ? "finished" : "cancelled" };
  if (task.status === "in_progress" && task.takenAt) return { at: task.takenAt, verb: "taken" };
  return { at: task.createdAt, verb: "came in" };
}

/** One task on the board: service, client, operation, when its last event happened, and why it is here. */
export function TaskCard({ task, now }: { task: TaskListItem; now: Date }) {
  const event = eventOf(task);
  const age = formatAge(event.at, now);
  const finished = task.status === "done" || task.status === "cancelled";
  // The heading already names the tariff: a service known only by its tariff shows its panel name here.
  const label = serviceLabel(task.service);
  const service = label.name === task.service.tariffName ? (label.panel ?? label.name) : label.name;
  return (
    <li>
      <Link
        href={`/board/tasks/${task.id}`}
        className="block rounded-md border border-slate-200 bg-white p-3 text-sm shadow-xs hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <div className="flex items-baseline justify-between gap-2">
          <span className="font-medium text-slate-900">
            {operationLabel[task.operation.kind]} · {task.service.tariffName}
          </span>
          <time className="shrink-0 text-xs text-slate-600" dateTime={event.at.toISOString()} title={`${event.verb} ${event.at.toISOString()}`}>
            {event.verb} {age === "just now" ? age : `${age} ago`}
          </time>
        </div>
        <p className="mt-1 text-slate-700">
          {service} · {task.client.name}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          Task #{task.id} · {reasonLabel[task.reason]}
          {finished ? (task.operation.status === "done" ? ` · done by ${task.operation.doneBy === "module" ? "the module" : "hand"}` : "") : ` · ${task.operation.attempts} ${task.operation.attempts === 1 ? "attempt" : "attempts"}`}
          {task.department ? ` · ${task.department.name}` : ""}
        </p>
        {task.status === "cancelled" && task.note && <p className="mt-1 text-xs text-slate-600">{task.note}</p>}
        {task.operation.lastError && task.operation.status !== "done" && (
          <p className="mt-1 line-clamp-2 break-words text-xs text-red-700" data-testid="task-last-error" title={task.operation.lastError}>
            Last error: {task.operation.lastError}
          </p>
        )}
        {task.assignee && <p className="mt-1 text-xs text-indigo-700">{finished ? "Handled by" : "Taken by"} {task.assignee.name}</p>}
      </Link>
    </li>
  );
}
