import Link from "next/link";
import type { TaskListItem } from "@/lib/services/tasks/list";
import { formatAge, operationLabel, reasonLabel } from "./labels";

/** One task on the board: service, client, operation, age and attempts. */
export function TaskCard({ task, now }: { task: TaskListItem; now: Date }) {
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
          <span className="shrink-0 text-xs text-slate-500" title={task.createdAt.toISOString()}>
            {formatAge(task.createdAt, now)}
          </span>
        </div>
        <p className="mt-1 text-slate-700">
          Service #{task.service.id} · {task.client.name}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          Task #{task.id} · {reasonLabel[task.reason]} · {task.operation.attempts} {task.operation.attempts === 1 ? "attempt" : "attempts"}
          {task.department ? ` · ${task.department.name}` : ""}
        </p>
        {task.assignee && <p className="mt-1 text-xs text-indigo-700">Taken by {task.assignee.name}</p>}
      </Link>
    </li>
  );
}
