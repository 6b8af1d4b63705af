import { Card } from "@/components/ui/card";
import { productTypeLabels, serviceLabel } from "@/components/admin/labels";
import { detailLabel, statusLabels } from "@/components/store/labels";
import { moduleTitle } from "@/lib/services/handlers/list";
import type { TaskDetail } from "@/lib/services/tasks/get";
import { DetailList } from "./detail-list";

/** The service with its tariff and processing module, and the client's contact, in the words admins and clients see. */
export function TaskSummary({ task }: { task: TaskDetail }) {
  const { service, tariff, handler, client } = task;
  const labelOf = (key: string) => task.formFields.find((f) => f.key === key)?.label ?? key;
  const address = [client.address, client.city, client.country].filter(Boolean).join(", ");
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title="Service">
        <DetailList
          label="Service"
          rows={[
            ["Service", `${serviceLabel({ ...service, tariffName: tariff.name }).name} (#${service.id})`],
            ["Status", <span key="s" data-testid="service-status">{statusLabels[service.status]}</span>],
            ["Product", productTypeLabels[service.productType]],
            ["Tariff", tariff.name],
            ["Template", tariff.template],
            ["Processing module", handler ? moduleLine(handler) : "None chosen"],
            ["Data center", handler?.dataCenter],
            ["Remote name", service.remoteName],
            ["Period", `${service.months} ${service.months === 1 ? "month" : "months"}`],
            ["Expires", service.expiresAt?.toISOString().slice(0, 10)],
            ...Object.entries(service.params).map(([k, v]): [string, string] => [detailLabel(k), Array.isArray(v) ? v.join(", ") : String(v ?? "")]),
            ...Object.entries(service.details).map(([k, v]): [string, string] => [labelOf(k), v]),
          ]}
        />
      </Card>
      <Card title="Client">
        <DetailList
          label="Client"
          rows={[
            ["Name", client.name],
            ["Company", client.company],
            ["Email", <a key="e" className="text-indigo-700 hover:underline" href={`mailto:${client.email}`}>{client.email}</a>],
            ["Phone", client.phone],
            ["Address", address],
          ]}
        />
      </Card>
    </div>
  );
}

/** "cPanel (demo) (cPanel/WHM)", or the name alone when it already is the module's title. */
function moduleLine(handler: NonNullable<TaskDetail["handler"]>): string {
  const title = moduleTitle(handler.module);
  return `${handler.name}${handler.name === title ? "" : ` (${title})`}${handler.enabled ? "" : ", disabled"}`;
}
