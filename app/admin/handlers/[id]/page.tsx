import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getHandler } from "@/lib/services/handlers/get";
import { listDepartments } from "@/lib/services/departments/list";
import { Card, PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { HandlerEditForm } from "@/components/admin/handler-edit-form";
import { lastHandlerWarning } from "@/components/admin/last-handler-warning";
import { productTypeLabels } from "@/components/admin/labels";
import { When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { checkConnectionAction, deleteHandlerAction, setHandlerEnabledAction, updateHandlerAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function HandlerPage({ params }: Props) {
  const { id } = await params;
  const ctx = await adminPageCtx(`/admin/handlers/${id}`);
  const handler = await getHandler({ ctx, input: { handlerId: id } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  const { departments } = await listDepartments({ ctx });
  const warning = lastHandlerWarning(handler.soleHandlerOf);
  const disableText =
    `Disable "${handler.name}"? It takes no new services; ${servicesOnIt(handler.services)}` +
    (warning ? `\n\n${warning}` : "");
  const plain = Object.fromEntries(Object.entries(handler.connection).map(([k, v]) => [k, v == null ? "" : String(v)]));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/handlers" className="text-indigo-700 hover:underline">
          ← Processing modules
        </Link>
      </p>
      <PageHeading title={handler.name} description={`${handler.moduleTitle} · ${productTypeLabels[handler.productType]}`} />
      <ParamNotice messages={{ created: "The processing module was created. The connection works.", created_failing: "The processing module was created, but its connection does not work: see Health." }} />
      <Card title="Status">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-8 gap-y-2 text-sm">
          <dt className="text-slate-500">Status</dt>
          <dd><Badge status={handler.enabled ? "enabled" : "disabled"} /></dd>
          <dt className="text-slate-500">Health</dt>
          <dd>
            <Badge status={handler.health} /> {handler.healthMessage && <span className="text-slate-600">{handler.healthMessage}</span>}
          </dd>
          <dt className="text-slate-500">Last checked</dt>
          <dd><When at={handler.healthCheckedAt} /></dd>
          <dt className="text-slate-500">Running operations</dt>
          <dd className="tabular-nums">{handler.running} / {handler.maxRunning}</dd>
          <dt className="text-slate-500">Services on it</dt>
          <dd className="tabular-nums">{handler.services}</dd>
        </dl>
        {handler.enabled && warning && (
          <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="last-enabled-warning">
            If disabled: {warning}
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-3">
          <ActionButton
            action={setHandlerEnabledAction}
            values={{ handlerId: handler.id, enabled: !handler.enabled }}
            label={handler.enabled ? "Disable" : "Enable"}
            confirm={handler.enabled ? disableText : undefined}
          />
          <ActionButton
            action={deleteHandlerAction}
            values={{ handlerId: handler.id }}
            label="Delete"
            confirm={`Delete "${handler.name}"? Its settings and credentials are removed; this cannot be undone.`}
          />
        </div>
      </Card>
      <Card title="Edit" className="mt-4">
        {handler.secretsUnreadable && (
          <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="secrets-unreadable">
            The stored credentials cannot be read: they were saved with another encryption key. Type them again below and save.
          </p>
        )}
        <HandlerEditForm
          handlerId={handler.id}
          moduleKind={handler.module}
          fields={handler.connectionFields.map((f) => ({ ...f }))}
          connection={plain}
          secretsSet={handler.secretsSet}
          settings={{
            name: handler.name,
            dataCenter: handler.dataCenter ?? "",
            departmentId: handler.departmentId ? String(handler.departmentId) : "",
            priority: String(handler.priority),
            maxRunning: String(handler.maxRunning),
          }}
          departments={departments.map((d) => ({ value: d.id, label: d.name }))}
          action={updateHandlerAction}
          checkAction={checkConnectionAction}
        />
      </Card>
    </>
  );
}

/** What disabling leaves to the services already on the handler, counted in words. */
function servicesOnIt(n: number): string {
  const kept = "still suspended, resumed, closed and synced through it.";
  if (n === 0) return "no service is on it now.";
  return n === 1 ? `the service on it is ${kept}` : `the ${n} services on it are ${kept}`;
}
