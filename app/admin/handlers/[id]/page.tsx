import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
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
import { adminLabelsIn } from "@/components/admin/labels";
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
  const t = await getTranslations("adminHandler.page");
  const locale = await getLocale();
  const warning = lastHandlerWarning(handler.soleHandlerOf, locale);
  const disableText = t("disableConfirm", { name: handler.name, count: handler.services }) + (warning ? `\n\n${warning}` : "");
  const plain = Object.fromEntries(Object.entries(handler.connection).map(([k, v]) => [k, v == null ? "" : String(v)]));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/handlers" className="text-indigo-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeading title={handler.name} description={`${handler.moduleTitle} · ${adminLabelsIn(locale).productType(handler.productType)}`} />
      <ParamNotice messages={{ created: t("created"), created_failing: t("createdFailing") }} />
      <Card title={t("status")}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-8 gap-y-2 text-sm">
          <dt className="text-slate-500">{t("status")}</dt>
          <dd><Badge status={handler.enabled ? "enabled" : "disabled"} /></dd>
          <dt className="text-slate-500">{t("health")}</dt>
          <dd>
            <Badge status={handler.health} /> {handler.healthMessage && <span className="text-slate-600">{handler.healthMessage}</span>}
          </dd>
          <dt className="text-slate-500">{t("lastChecked")}</dt>
          <dd><When at={handler.healthCheckedAt} /></dd>
          <dt className="text-slate-500">{t("running")}</dt>
          <dd className="tabular-nums">{handler.running} / {handler.maxRunning}</dd>
          <dt className="text-slate-500">{t("services")}</dt>
          <dd className="tabular-nums">{handler.services}</dd>
        </dl>
        {handler.enabled && warning && (
          <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="last-enabled-warning">
            {t("ifDisabled", { warning })}
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-3">
          <ActionButton
            action={setHandlerEnabledAction}
            values={{ handlerId: handler.id, enabled: !handler.enabled }}
            label={handler.enabled ? t("disable") : t("enable")}
            confirm={handler.enabled ? disableText : undefined}
          />
          <ActionButton
            action={deleteHandlerAction}
            values={{ handlerId: handler.id }}
            label={t("delete")}
            confirm={t("deleteConfirm", { name: handler.name })}
          />
        </div>
      </Card>
      <Card title={t("edit")} className="mt-4">
        {handler.secretsUnreadable && (
          <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="secrets-unreadable">
            {t("unreadable")}
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
