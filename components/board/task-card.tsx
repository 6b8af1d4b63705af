import Link from "next/link";
import { useTranslations } from "next-intl";
import type { TaskListItem } from "@/lib/services/tasks/list";
import { serviceLabel } from "@/components/admin/labels";
import { operationLabel } from "./labels";

/** The event a card's time is about: closed for done, taken for in progress, else when it came in. */
function eventOf(task: TaskListItem): { at: Date; verb: "finished" | "cancelled" | "taken" | "came" } {
  if ((task.status === "done" || task.status === "cancelled") && task.closedAt) return { at: task.closedAt, verb: task.status === "done" ? "finished" : "cancelled" };
  if (task.status === "in_progress" && task.takenAt) return { at: task.takenAt, verb: "taken" };
  return { at: task.createdAt, verb: "came" };
}

/** How long ago, in minutes, hours or days: null for just now. */
function ageOf(from: Date, now: Date): { unit: "min" | "h" | "d"; n: number } | null {
  const minutes = Math.floor((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return null;
  if (minutes < 60) return { unit: "min", n: minutes };
  if (minutes < 48 * 60) return { unit: "h", n: Math.floor(minutes / 60) };
  return { unit: "d", n: Math.floor(minutes / 1440) };
}

/** One task on the board: service, client, operation, when its last event happened, and why it is here. */
export function TaskCard({ task, now }: { task: TaskListItem; now: Date }) {
  const event = eventOf(task);
  const t = useTranslations("board");
  const tl = useTranslations("labels");
  const since = ageOf(event.at, now);
  const verb = t(`verb.${event.verb}`);
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
            {task.operation.kind in operationLabel ? tl(`operation.${task.operation.kind as "open"}`) : task.operation.kind} · {task.service.tariffName}
          </span>
          <time className="shrink-0 text-xs text-slate-600" dateTime={event.at.toISOString()} title={`${verb} ${event.at.toISOString()}`}>
            {since ? t("ago", { verb, age: t(`age.${since.unit}`, { n: since.n }) }) : `${verb} ${t("justNow")}`}
          </time>
        </div>
        <p className="mt-1 text-slate-700">
          {service} · {task.client.name}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          {t("taskNo", { id: task.id, reason: t(`reason.${task.reason}`) })}
          {finished ? (task.operation.status === "done" ? t("doneBy", { by: task.operation.doneBy === "module" ? "module" : "hand" }) : "") : t("attempts", { count: task.operation.attempts })}
          {task.department ? ` · ${task.department.name}` : ""}
        </p>
        {task.status === "cancelled" && task.note && <p className="mt-1 text-xs text-slate-600">{task.note}</p>}
        {task.operation.lastError && task.operation.status !== "done" && (
          <p className="mt-1 line-clamp-2 break-words text-xs text-red-700" data-testid="task-last-error" title={task.operation.lastError}>
            {t("lastError", { error: task.operation.lastError })}
          </p>
        )}
        {task.assignee && <p className="mt-1 text-xs text-indigo-700">{finished ? t("handledBy", { name: task.assignee.name }) : t("takenBy", { name: task.assignee.name })}</p>}
      </Link>
    </li>
  );
}
