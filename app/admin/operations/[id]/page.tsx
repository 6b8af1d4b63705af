import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getOperation } from "@/lib/services/operations/get";
import { attemptCountText, nextTryText } from "@/lib/services/operations/state";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { Badge } from "@/components/admin/badge";
import { Details } from "@/components/admin/details";
import { OperationState } from "@/components/admin/operation-state";
import { operationKindLabels, operationStateLabels, taskReasonLabels } from "@/components/admin/labels";
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
  const values = { operationId: op.id };
  const row = (label: string, value: ReactNode): [string, ReactNode] => [label, value];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/operations" className="text-indigo-700 hover:underline">← Current operations</Link>
      </p>
      <PageHeading title={`Operation #${op.id}: ${operationKindLabels[op.kind] ?? op.kind}`} />
      <AutoRefresh seconds={3} />
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <Card title="Operation">
          <Details
            rows={[
            row("Status", <OperationState view={state} />),
            row("Service", <ServiceName service={{ ...service, tariffName: tariff.name }} href={`/admin/services/${service.id}`} />),
            row("Service status", <Badge status={service.status} />),
            row("Tariff", tariff.name),
            row("Client", <Link href={`/admin/clients/${client.id}`} className="text-indigo-700 hover:underline">{client.name}</Link>),
            row("Processing module", handler ? <Link href={`/admin/handlers/${handler.id}`} className="text-indigo-700 hover:underline">{handler.name}</Link> : "not chosen yet"),
            row("Attempts", <span data-testid="attempt-count">{attemptCountText(op.attempts, attempts.length)}</span>),
            row("Created", <When at={op.createdAt} />),
            row(state.state === "failing" ? "Next try" : "Next run", ["queued", "waiting"].includes(op.status) ? <span><When at={op.runAt} /> <span className="text-slate-600">({nextTryText(new Date(op.runAt), new Date())})</span></span> : "—"),
            row("Finished", <When at={op.finishedAt} />),
            row("Task", task ? <span>#{task.id} <Badge status={task.status} /> <span className="text-slate-600">{taskReasonLabels[task.reason] ?? task.reason}</span></span> : "—"),
          ]}
          />
          {noHandlerReason && (
            <p className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="no-handler-reason">
              <span className="font-medium">No processing module chosen: </span>
              {noHandlerReason}
            </p>
          )}
          {op.lastError && <p className="mt-3 rounded bg-red-50 p-2 text-sm break-words whitespace-pre-wrap text-red-800" data-testid="last-error">{op.lastError}</p>}
        </Card>
        <Card title="Actions">
          {!actions.restart && !actions.switchToManual && !actions.cancel && <p className="text-sm text-slate-600">Nothing to do: the operation is {(operationStateLabels[op.status] ?? op.status).toLowerCase()}.</p>}
          <div className="flex flex-wrap gap-3">
            {actions.restart && <ActionButton action={restartOperationAction} values={values} label="Restart now" variant="primary" />}
            {actions.switchToManual && (
              <ActionButton action={switchToManualAction} values={values} label="Switch to manual" confirm="Switch to manual? The module stops trying and staff get a task to do it by hand." />
            )}
            {actions.cancel && (
              <ActionButton action={cancelOperationAction} values={values} label="Cancel" confirm={op.kind === "open" ? "Cancel this set-up? The service is closed and what was paid goes back to the client's balance." : "Cancel this operation? Nothing more is done for it, by the module or by staff."} />
            )}
          </div>
          <ul className="mt-3 list-disc pl-5 text-sm text-slate-600">
            {actions.restart && <li>Restart runs it again now with a fresh set of attempts{task ? "; its task is put aside" : ""}.</li>}
            {actions.switchToManual && <li>Switch to manual gives it to staff as a task.</li>}
            {actions.cancel && op.kind === "open" && <li>Cancel stops the set-up for good: the service is closed and what was paid goes back to the client&apos;s balance.</li>}
            {actions.cancel && op.kind !== "open" && <li>Cancel stops it for good; the service stays as it is.</li>}
          </ul>
        </Card>
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">Attempts</h2>
      {attempts.length === 0 && <p className="text-sm text-slate-500">No attempt yet.</p>}
      <ol className="flex flex-col gap-3">
        {attempts.map((a, i) => (
          <li key={a.id}>
            <Card>
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <span className="font-medium">Attempt {i + 1}</span>
                <Badge status={a.outcome} />
                <span className="text-slate-600">{a.handlerName ?? "—"}</span>
                <When at={a.finishedAt} />
              </div>
              {a.errorCode && (
                <p className="mt-2 text-sm text-red-800">
                  <code>{a.errorCode}</code>: {a.errorMessage} {a.retryable === false && "(a retry cannot fix it)"}
                </p>
              )}
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs whitespace-pre-wrap text-slate-100" aria-label={`Log of attempt ${i + 1}`}>{a.log || "(no log)"}</pre>
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
