import type { TaskListItem } from "@/lib/services/tasks/list";
import { TaskCard } from "./task-card";

/** A column of the board (New, In progress, Done), labelled for screen readers and tests. */
export function BoardColumn({ title, tasks, empty, now }: { title: string; tasks: TaskListItem[]; empty: string; now: Date }) {
  return (
    <section aria-label={title} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <h2 className="flex items-center justify-between text-sm font-semibold text-slate-900">
        {title}
        <span className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-600">{tasks.length}</span>
      </h2>
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {tasks.map((t) => (
            <TaskCard key={t.id} task={t} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
