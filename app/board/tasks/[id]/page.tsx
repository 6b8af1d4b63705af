import Link from "next/link";
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
import { closeWords, operationLabel, reasonLabel, taskStatusLabel } from "@/components/board/labels";
import { OperationLog } from "@/components/board/operation-log";
import { TaskControls } from "@/components/board/task-controls";
import { TaskEmail } from "@/components/board/task-email";
import { TaskSummary } from "@/components/board/task-summary";
import { closeTaskAction } from "../../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Task · Provisio" };

type Props = { params: Promise<{ id: string }> };

const notices: Record<string, string> = {
  taken: "The task is yours now.",
  "handed-back": "You handed the task back: it is New again, for anyone in the department.",
  reassigned: "The task has a new holder.",
  restarted: "The operation runs again; this task was put aside.",
  closed: "Task closed. The operation is done and the client gets their email.",
};

export default async function TaskPage({ params }: Props) {
  const { id } = await params;
  const ctx = await staffPageCtx(`/board/tasks/${id}`);
  const { actor } = ctx;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const task = await getTask({ ctx, input: { taskId: Number(id) } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    if (error instanceof AppError && error.code === "forbidden") return error;
    throw error;
  });
  if (task instanceof AppError) {
    return (
      <>
        <PageHeading title={`Task #${id}`} />
        <Notice tone="warning">{task.message}. <Link href="/board" className="underline">Back to the board</Link></Notice>
      </>
    );
  }
  const email = task.task.status === "done" ? await getTaskEmail({ ctx, input: { taskId: task.task.id } }) : null;
  const { task: t, operation, department, closedBy } = task;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/board" className="text-sm text-indigo-700 hover:underline">← Task board</Link>
        <PageHeading
          title={`Task #${t.id}: ${operationLabel[operation.kind]} ${serviceLabel({ ...task.service, tariffName: task.tariff.name }).name}`}
          description={`${reasonLabel[t.reason]} · ${department?.name ?? "No department"} · ${eventLine(t)}`}
        />
        <p className="text-sm" data-testid="task-status">Status: <strong>{taskStatusLabel[t.status]}</strong>
          {closedBy ? ` · closed by ${closedBy.name}` : ""}</p>
        {t.note && (
          <p className="mt-1 text-sm text-slate-600">
            {t.status === "new" || t.status === "in_progress" ? t.note : `Why it came to staff: ${t.note}`}
          </p>
        )}
      </div>
      <ParamNotice messages={notices} />
      <TaskControls task={task} userId={actorUserId(actor)} admin={isAdmin(actor)} />
      <TaskSummary task={task} />
      <OperationLog task={task} />
      {task.canClose && (
        <Card title={closeWords[operation.kind].title}>
          <p className="mb-4 text-sm text-slate-600">{closeWords[operation.kind].intro}</p>
          <CloseTaskForm action={closeTaskAction} taskId={t.id} kind={operation.kind} fields={task.formFields} />
        </Card>
      )}
      {email && <TaskEmail email={email} taskId={task.task.id} />}
    </div>
  );
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The task's own latest event: finished, cancelled, taken, or when it came in. */
function eventLine(t: { status: string; createdAt: Date; takenAt: Date | null; closedAt: Date | null }): string {
  if (t.status === "done" && t.closedAt) return `finished ${utc(t.closedAt)}`;
  if (t.status === "cancelled" && t.closedAt) return `cancelled ${utc(t.closedAt)}`;
  if (t.status === "in_progress" && t.takenAt) return `taken ${utc(t.takenAt)}`;
  return `came in ${utc(t.createdAt)}`;
}
