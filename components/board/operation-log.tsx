import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { TaskDetail } from "@/lib/services/tasks/get";
import { DetailList } from "./detail-list";
import { doneByLabels, operationStateLabels } from "@/components/admin/labels";
import { formatDateTime } from "@/components/store/labels";
import { operationLabel } from "./labels";

/** The task's operation and the error log of each attempt (secrets were redacted when it was written). */
export function OperationLog({ task }: { task: TaskDetail }) {
  const { operation, attempts } = task;
  const t = useTranslations("board.op");
  const tl = useTranslations("labels");
  const kind = operation.kind in operationLabel ? tl(`operation.${operation.kind as "open"}`) : operation.kind;
  return (
    <Card title={t("title")}>
      <DetailList
        label={t("operation")}
        rows={[
          [t("operation"), `#${operation.id} ${kind}`],
          [t("status"), operationStateLabels[operation.status] ?? operation.status],
          [t("attempts"), String(operation.attempts)],
          [operation.status === "done" ? t("errorBefore") : t("lastError"), operation.lastError],
          [t("doneBy"), operation.doneBy && (doneByLabels[operation.doneBy] ?? operation.doneBy)],
        ]}
      />
      <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-900">{t("attemptsTitle")}</h3>
      {attempts.length === 0 ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {attempts.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-medium text-slate-900">
                {t("attempt", { n: a.number, outcome: t(`outcome.${a.outcome}`) })}
                {a.errorCode ? ` · ${a.errorCode}` : ""}
                <span className="ml-2 text-xs font-normal text-slate-500">{formatDateTime(a.finishedAt)}</span>
              </p>
              {a.errorMessage && <p className="mt-1 text-red-700">{a.errorMessage}</p>}
              {a.log && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-slate-600">{t("log")}</summary>
                  <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-2 text-xs whitespace-pre-wrap text-slate-100">{a.log}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
