import { getTranslations } from "next-intl/server";
import { webhookEvents } from "@/lib/vocabulary";
import { listWebhookDeliveries } from "@/lib/services/webhooks/list-deliveries";
import { listWebhookEndpoints } from "@/lib/services/webhooks/list-endpoints";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { deleteWebhookEndpointAction } from "./actions";
import { CreateEndpointForm } from "./create-endpoint-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("adminWebhooks"))("meta") };
}

export default async function WebhooksPage() {
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminWebhooks");
  const ctx = await adminPageCtx("/admin/webhooks");
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints({ ctx }), listWebhookDeliveries({ ctx, input: { limit: 100 } })]);
  return (
    <>
      <PageHeading
        title={t("title")}
        description={t("description", { format: `t=<unix>,v1=<${t("hmacOf")} “t.body”>` })}
      />
      <div className="flex flex-col gap-6">
        <Table caption={th("webhookEndpoints")} head={[th("url"), th("events"), th("status"), th("queued"), th("failed"), th("created"), ""]}>
          {endpoints.length === 0 && <EmptyRow colSpan={7}>{t("none")}</EmptyRow>}
          {endpoints.map((e) => (
            <tr key={e.id}>
              <Td className="break-all font-mono">{e.url}</Td>
              <Td>{e.events.join(", ")}</Td>
              <Td><Badge status={e.enabled ? "enabled" : "disabled"} /></Td>
              <Td>{e.queued}</Td>
              <Td>{e.failed}</Td>
              <Td><When at={e.createdAt} /></Td>
              <Td>
                <ActionButton action={deleteWebhookEndpointAction} values={{ endpointId: e.id }} label={t("delete")} confirm={t("confirmDelete", { url: e.url })} variant="ghost" />
              </Td>
            </tr>
          ))}
        </Table>
        <Card title={t("add")}>
          <CreateEndpointForm events={webhookEvents} />
        </Card>
        <section aria-labelledby="deliveries" className="flex flex-col gap-2">
          <h2 id="deliveries" className="text-lg font-semibold text-slate-900">{t("recent")}</h2>
          <Table caption={th("recentWebhookDeliveries")} head={["#", th("event"), th("endpoint"), th("status"), th("attempts"), th("response"), th("lastError"), th("created"), th("deliveredNextTry")]}>
            {deliveries.items.length === 0 && <EmptyRow colSpan={9}>{t("nothing")}</EmptyRow>}
            {deliveries.items.map((d) => (
              <tr key={d.id}>
                <Td>{d.id}</Td>
                <Td><code>{d.event}</code></Td>
                <Td className="max-w-48 break-all">{d.url}</Td>
                <Td><Badge status={d.status} /></Td>
                <Td>{d.attempts}</Td>
                <Td>{d.responseStatus ?? "—"}</Td>
                <Td className="max-w-64 break-words text-red-700">{d.lastError ?? ""}</Td>
                <Td><When at={d.createdAt} /></Td>
                <Td><When at={d.deliveredAt ?? (d.status === "queued" ? d.runAt : null)} /></Td>
              </tr>
            ))}
          </Table>
        </section>
      </div>
    </>
  );
}
