import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { adminLabelsIn, serviceLabel } from "@/components/admin/labels";
import { detailLabel, labelsIn } from "@/components/store/labels";
import { countryNameIn, formatDateIn } from "@/lib/i18n/format";
import { localeOr } from "@/lib/i18n/translator";
import { moduleTitle } from "@/lib/services/handlers/list";
import type { TaskDetail } from "@/lib/services/tasks/get";
import { DetailList } from "./detail-list";

/** The service with its tariff and processing module, and the client's contact, in the staff member's language. */
export function TaskSummary({ task }: { task: TaskDetail }) {
  const t = useTranslations("taskSummary");
  const locale = localeOr(useLocale());
  const { service, tariff, handler, client } = task;
  const labelOf = (key: string) => task.formFields.find((f) => f.key === key)?.label ?? key;
  const address = [client.address, client.city, client.country ? countryNameIn(locale, client.country) : null].filter(Boolean).join(", ");
  const module = handler ? moduleLine(handler) : null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={t("service")}>
        <DetailList
          label={t("service")}
          rows={[
            [t("service"), t("serviceName", { name: serviceLabel({ ...service, tariffName: tariff.name }, locale).name, id: service.id })],
            [t("status"), <span key="s" data-testid="service-status">{labelsIn(locale).status(service.status)}</span>],
            [t("product"), adminLabelsIn(locale).productType(service.productType)],
            [t("tariff"), tariff.name],
            [t("template"), tariff.template],
            [t("module"), module === null ? t("noModule") : handler?.enabled ? module : t("disabled", { module })],
            [t("dataCenter"), handler?.dataCenter],
            [t("remoteName"), service.remoteName],
            [t("period"), t("months", { count: service.months })],
            [t("expires"), service.expiresAt ? formatDateIn(locale, service.expiresAt) : null],
            ...Object.entries(service.params).map(([k, v]): [string, string] => [detailLabel(k), Array.isArray(v) ? v.join(", ") : String(v ?? "")]),
            ...Object.entries(service.details).map(([k, v]): [string, string] => [labelOf(k), v]),
          ]}
        />
      </Card>
      <Card title={t("client")}>
        <DetailList
          label={t("client")}
          rows={[
            [t("name"), client.name],
            [t("company"), client.company],
            [t("email"), <a key="e" className="text-indigo-700 hover:underline" href={`mailto:${client.email}`}>{client.email}</a>],
            [t("phone"), client.phone],
            [t("address"), address],
          ]}
        />
      </Card>
    </div>
  );
}

/** "cPanel (demo) (cPanel/WHM)", or the name alone when it already is the module's title. */
function moduleLine(handler: NonNullable<TaskDetail["handler"]>): string {
  const title = moduleTitle(handler.module);
  return `${handler.name}${handler.name === title ? "" : ` (${title})`}`;
}
