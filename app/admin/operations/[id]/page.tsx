import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getOperation } from "@/lib/services/operations/get";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { Badge } from "@/components/admin/badge";
import { Details } from "@/components/admin/details";
import { OperationState } from "@/components/admin/operation-state";
import { adminLabelsIn } from "@/components/admin/labels";
import { ServiceName } from "@/components/admin/service-name";
import { When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { cancelOperationAction, restartOperationAction, switchToManualAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function OperationPage({ params }: Props) {
  const { id } = await params;
  const ctx = await adminPageCtx(`/admin/operations/${id}`);
  const { operation: op, service, client, tariff, handler, task, attempts, state, actions, noHandlerReason } = await getOperation({ ctx, input: { operationId: Number(id) } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  const t = await getTranslations("adminOperation");
  const labels = adminLabelsIn(await getLocale());
  const values = { operationId: op.id };
  const untilNext = Math.ceil((new Date(op.runAt).getTime() - Date.now()) / 1000);
  const nextTry = untilNext <= 0 ? t("page.now") : untilNext < 120 ? t("page.inSeconds", { count: untilNext }) : null;
  const row = (label: string, value: ReactNode): [string, ReactNode] => [label, value];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/operations" className="text-indigo-700 hover:underline">← {t("page.back")}</Link>
      </p>
      <PageHeading title={t("page.title", { id: op.id, kind: labels.operationKind(op.kind) })} />
      <AutoRefresh seconds={3} />
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <Card title={t("page.operation")}>
          <Details
            rows={[
            row(t("page.status"), <OperationState view={state} />),
            row(t("page.service"), <ServiceName service={{ ...service, tariffName: tariff.name }} href={`/admin/services/${service.id}`} />),
            row(t("page.serviceStatus"), <Badge status={service.status} />),
            row(t("page.tariff"), tariff.name),
            row(t("page.client"), <Link href={`/admin/clients/${client.id}`} className="text-indigo-700 hover:underline">{client.name}</Link>),
            row(t("page.handler"), handler ? <Link href={`/admin/handlers/${handler.id}`} className="text-indigo-700 hover:underline">{handler.name}</Link> : t("notChosen")),
            row(t("page.attempts"), <span data-testid="attempt-count">{op.attempts >= attempts.length ? op.attempts : t("page.attemptCount", { all: attempts.length, since: op.attempts })}</span>),
            row(t("page.created"), <When at={op.createdAt} />),
            row(state.state === "failing" ? t("page.nextTry") : t("page.nextRun"), ["queued", "waiting"].includes(op.status) ? <span><When at={op.runAt} />{nextTry && <> <span className="text-slate-600">({nextTry})</span></>}</span> : "—"),
            row(t("page.finished"), <When at={op.finishedAt} />),
            row(t("page.task"), task ? <span>#{task.id} <Badge status={task.status} /> <span className="text-slate-600">{labels.taskReason(task.reason)}</span></span> : "—"),
          ]}
          />
          {noHandlerReason && (
            <p className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="no-handler-reason">
              <span className="font-medium">{t("page.noHandler")} </span>
              {noHandlerReason}
            </p>
          )}
          {op.lastError && <p className="mt-3 rounded bg-red-50 p-2 text-sm break-words whitespace-pre-wrap text-red-800" data-testid="last-error">{op.lastError}</p>}
        </Card>
        <Card title={t("page.actions")}>
          {!actions.restart && !actions.switchToManual && !actions.cancel && <p className="text-sm text-slate-600">{t("page.nothing", { state: labels.operationState(op.status).toLowerCase() })}</p>}
          <div className="flex flex-wrap gap-3">
            {actions.restart && <ActionButton action={restartOperationAction} values={values} label={t("page.restart")} variant="primary" />}
            {actions.switchToManual && (
              <ActionButton action={switchToManualAction} values={values} label={t("page.switch")} confirm={t("page.switchConfirm")} />
            )}
            {actions.cancel && (
              <ActionButton action={cancelOperationAction} values={values} label={t("page.cancel")} confirm={op.kind === "open" ? t("page.cancelSetupConfirm") : t("page.cancelConfirm")} />
            )}
          </div>
          <ul className="mt-3 list-disc pl-5 text-sm text-slate-600">
            {actions.restart && <li>{task ? t("page.restartHintTask") : t("page.restartHint")}</li>}
            {actions.switchToManual && <li>{t("page.switchHint")}</li>}
            {actions.cancel && op.kind === "open" && <li>{t("page.cancelSetupHint")}</li>}
            {actions.cancel && op.kind !== "open" && <li>{t("page.cancelHint")}</li>}
          </ul>
        </Card>
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("page.attemptsTitle")}</h2>
      {attempts.length === 0 && <p className="text-sm text-slate-500">{t("page.noAttempt")}</p>}
      <ol className="flex flex-col gap-3">
        {attempts.map((a, i) => (
          <li key={a.id}>
            <Card>
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <span className="font-medium">{t("page.attempt", { n: i + 1 })}</span>
                <Badge status={a.outcome} />
                <span className="text-slate-600">{a.handlerName ?? "—"}</span>
                <When at={a.finishedAt} />
              </div>
              {a.errorCode && (
                <p className="mt-2 text-sm text-red-800">
                  <code>{a.errorCode}</code>: {a.errorMessage} {a.retryable === false && t("page.noRetry")}
                </p>
              )}
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs whitespace-pre-wrap text-slate-100" aria-label={t("page.log", { n: i + 1 })}>{a.log || t("page.noLog")}</pre>
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
