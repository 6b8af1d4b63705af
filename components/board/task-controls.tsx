import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { TaskDetail } from "@/lib/services/tasks/get";
import { handBackTaskAction, reassignTaskAction, restartOperationAction, takeTaskAction } from "@/app/board/actions";
import { TaskActionForm } from "./task-action-form";

/** Take, hand back, reassign (admins) and restart (escalated tasks), as far as the task's state allows. */
export function TaskControls({ task, userId, admin }: { task: TaskDetail; userId: number | null; admin: boolean }) {
  const id = task.task.id;
  const t = useTranslations("board.task");
  const open = task.task.status === "new" || task.task.status === "in_progress";
  if (!open) return null;
  const holder = task.assignee;
  const mine = holder !== null && holder.id === userId;
  return (
    <Card title={t("who")}>
      <p className="mb-3 text-sm text-slate-700" data-testid="task-holder">
        {holder ? (mine ? t("youHold") : t("takenBy", { name: holder.name })) : t("nobody")}
      </p>
      <div className="flex flex-col gap-3">
        {!mine && <TaskActionForm action={takeTaskAction} taskId={id} label={t("take")} pendingText={t("taking")} />}
        {holder && (mine || admin) && (
          <TaskActionForm action={handBackTaskAction} taskId={id} label={t("handBack")} pendingText={t("handingBack")} variant="secondary" />
        )}
        {admin && (
          <TaskActionForm action={reassignTaskAction} taskId={id} label={t("reassign")} pendingText={t("reassigning")} variant="secondary">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
              {t("giveTo")}
              <select name="assigneeId" defaultValue={holder?.id ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
                <option value="">{t("nobodyNew")}</option>
                {task.assignees.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.role})
                  </option>
                ))}
              </select>
            </label>
          </TaskActionForm>
        )}
        {task.canRestart && (
          <TaskActionForm action={restartOperationAction} taskId={id} label={t("restart")} pendingText={t("restarting")} variant="secondary">
            <p className="text-sm text-slate-600">{t("restartNote")}</p>
          </TaskActionForm>
        )}
      </div>
    </Card>
  );
}
