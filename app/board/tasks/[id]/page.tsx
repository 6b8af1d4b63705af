import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTimeIn } from "@/lib/i18n/format";
import { serviceLabel } from "@/components/admin/labels";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { actorUserId, isAdmin } from "@/lib/services/context";
import { staffPageCtx } from "@/lib/services/request-context";
import { getTaskEmail } from "@/lib/services/tasks/email";
import { getTask } from "@/lib/services/tasks/get";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { CloseTaskForm } from "@/components/board/close-task-form";
import { operationLabel } from "@/components/board/labels";
import { OperationLog } from "@/components/board/operation-log";
import { TaskControls } from "@/components/board/task-controls";
import { TaskEmail } from "@/components/board/task-email";
import { TaskSummary } from "@/components/board/task-summary";
import { closeTaskAction } from "../../actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("board.task"))("meta") };
}

type Props = { params: Promise<{ id: string }> };

const noticeKeys = ["taken", "handed-back", "reassigned", "restarted", "closed"] as const;

export default async function TaskPage({ params }: Props) {
  const { id } = await params;
  const ctx = await staffPageCtx(`/board/tasks/${id}`);
  const { actor } = ctx;
  const [t, tb, tl, tc, locale] = await Promise.all([getTranslations("board.task"), getTranslations("board"), getTranslations("labels"), getTranslations("taskClose"), getLocale()]);
  const notices = Object.fromEntries(noticeKeys.map((k) => [k, t(`notices.${k}`)]));
  if (!/^\d{1,9}$/.test(id)) notFound();
  const task = await getTask({ ctx, input: { taskId: Number(id) } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    if (error instanceof AppError && error.code === "forbidden") return error;
    throw error;
  });
  if (task instanceof AppError) {
    return (
      <>
        <PageHeading title={t("taskNo", { id })} />
        <Notice tone="warning">{task.message}. <Link href="/board" className="underline">{t("back")}</Link></Notice>
      </>
    );
  }
  const email = task.task.status === "done" ? await getTaskEmail({ ctx, input: { taskId: task.task.id } }) : null;
  const { task: tk, operation, department, closedBy } = task;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/board" className="text-sm text-indigo-700 hover:underline">{t("toBoard")}</Link>
        <PageHeading
          title={t("title", { id: tk.id, operation: operation.kind in operationLabel ? tl(`operation.${operation.kind as "open"}`) : operation.kind, service: serviceLabel({ ...task.service, tariffName: task.tariff.name }, locale).name })}
          description={`${tb(`reason.${tk.reason}`)} · ${department?.name ?? t("noDepartment")} · ${t(`event.${eventOf(tk)}`, { at: formatDateTimeIn(locale, eventAt(tk)) })}`}
        />
        <p className="text-sm" data-testid="task-status">{t.rich("status", { status: tb(`columns.${tk.status}`), b: (chunks) => <strong>{chunks}</strong> })}
          {closedBy ? t("closedBy", { name: closedBy.name }) : ""}</p>
        {tk.note && (
          <p className="mt-1 text-sm text-slate-600">
            {tk.status === "new" || tk.status === "in_progress" ? tk.note : t("why", { note: tk.note })}
          </p>
        )}
      </div>
      <ParamNotice messages={notices} />
      <TaskControls task={task} userId={actorUserId(actor)} admin={isAdmin(actor)} />
      <TaskSummary task={task} />
      <OperationLog task={task} />
      {task.canClose && (
        <Card title={tc(`kind.${operation.kind}.title`)}>
          <p className="mb-4 text-sm text-slate-600">{tc(`kind.${operation.kind}.intro`)}</p>
          <CloseTaskForm action={closeTaskAction} taskId={tk.id} kind={operation.kind} fields={task.formFields} />
        </Card>
      )}
      {email && <TaskEmail email={email} taskId={task.task.id} />}
    </div>
  );
}

type TaskTimes = { status: string; createdAt: Date; takenAt: Date | null; closedAt: Date | null };

/** The task's own latest event: finished, cancelled, taken, or when it came in. */
function eventOf(t: TaskTimes): "finished" | "cancelled" | "taken" | "came" {
  if (t.status === "done" && t.closedAt) return "finished";
  if (t.status === "cancelled" && t.closedAt) return "cancelled";
  if (t.status === "in_progress" && t.takenAt) return "taken";
  return "came";
}

function eventAt(t: TaskTimes): Date {
  return (eventOf(t) === "taken" ? t.takenAt : eventOf(t) === "came" ? t.createdAt : t.closedAt) ?? t.createdAt;
}
