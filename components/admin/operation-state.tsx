import { NEAR_S, type OperationStateView } from "@/lib/services/operations/state";
import { Badge } from "./badge";
import { useLocale, useTranslations } from "next-intl";
import { adminLabelsIn } from "./labels";

/** An operation's state: a badge ("failing" for one retried after an error), its next try and its last error's first line. */
export function OperationState({ view, compact = false }: { view: OperationStateView; compact?: boolean }) {
  const labels = adminLabelsIn(useLocale());
  const t = useTranslations("adminOperation");
  const over = view.state === "cancelled" || view.state === "done";
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="operation-state" data-state={view.state}>
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge status={view.state} label={labels.operationState(view.state)} />
        {view.failed && view.nextTryAt && (
          <span className="text-xs font-medium text-red-800">
            {t("failedAttempt", {
              attempt: view.failed.attempt,
              of: view.failed.of,
              next:
                view.failed.nextInSeconds <= 0
                  ? t("nextNow")
                  : view.failed.nextInSeconds < NEAR_S
                    ? t("nextIn", { seconds: view.failed.nextInSeconds })
                    : t("nextAt", { time: new Date(view.nextTryAt).toISOString().slice(11, 16) }),
            })}
          </span>
        )}
      </span>
      {view.errorLine && (
        <span
          className={`text-xs break-words ${over ? "text-slate-500" : "text-red-700"} ${compact ? "line-clamp-2 max-w-[22rem]" : ""}`}
          title={compact ? view.errorLine : undefined}
        >
          {over ? t("lastError", { line: view.errorLine }) : view.errorLine}
        </span>
      )}
    </div>
  );
}
