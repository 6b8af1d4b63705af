import { getTranslations } from "next-intl/server";
import { apiScopes } from "@/lib/vocabulary";
import { listApiKeys } from "@/lib/services/api-keys/list";
import { listClients } from "@/lib/services/clients/list";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { EmptyRow, from, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { revokeApiKeyAction } from "./actions";
import { CreateKeyForm } from "./create-key-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("apiKeys.meta") };
}

export default async function ApiKeysPage() {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminApiKeys");
  const ctx = await adminPageCtx("/admin/api-keys");
  const [keys, clients] = await Promise.all([listApiKeys({ ctx }), listClients({ ctx, input: { limit: 200 } })]);
  return (
    <>
      <PageHeading title={tp("apiKeys.title")} description={tp("apiKeys.description")} />
      <div className="flex flex-col gap-6">
        <Table
          caption={th("apiKeys")}
          head={[th("name"), th("status"), { label: <span className="sr-only">{th("actions")}</span> }, { label: th("key"), className: from.sm }, { label: th("scopes"), className: from.md }, { label: th("client"), className: from.lg }, { label: th("created"), className: from.xl }, { label: th("lastUsed"), className: from.lg }]}
        >
          {keys.length === 0 && <EmptyRow colSpan={8}>{t("none")}</EmptyRow>}
          {keys.map((k) => (
            <tr key={k.id}>
              <Td>{k.name}</Td>
              <Td>{k.revokedAt ? <Badge status="disabled" label={t("revoked")} /> : <Badge status="active" />}</Td>
              <Td>
                {!k.revokedAt && (
                  <ActionButton action={revokeApiKeyAction} values={{ apiKeyId: k.id }} label={t("revoke")} confirm={t("confirmRevoke", { name: k.name })} variant="ghost" />
                )}
              </Td>
              <Td className={`${from.sm} font-mono`}>{k.prefix}…</Td>
              <Td className={from.md}>{k.scopes.join(", ")}</Td>
              <Td className={from.lg}>{k.clientName ?? <span className="text-slate-500">{t("allClients")}</span>}</Td>
              <Td className={from.xl}><When at={k.createdAt} /></Td>
              <Td className={from.lg}><When at={k.lastUsedAt} /></Td>
            </tr>
          ))}
        </Table>
        <Card title={t("create")}>
          <CreateKeyForm scopes={apiScopes} clients={clients.items.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))} />
        </Card>
      </div>
    </>
  );
}
