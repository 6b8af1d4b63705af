import { apiScopes } from "@/lib/db/schema";
import { listApiKeys } from "@/lib/services/api-keys/list";
import { listClients } from "@/lib/services/clients/list";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "../session";
import { revokeApiKeyAction } from "./actions";
import { CreateKeyForm } from "./create-key-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys · Provisio" };

export default async function ApiKeysPage() {
  const ctx = await adminPageCtx("/admin/api-keys");
  const [keys, clients] = await Promise.all([listApiKeys({ ctx }), listClients({ ctx, input: { limit: 200 } })]);
  return (
    <>
      <PageHeading title="API keys" description="Keys for integrators calling the REST API (see /developers). Only a hash is stored; a key is shown once." />
      <div className="flex flex-col gap-6">
        <Table caption="API keys" head={["Name", "Key", "Scopes", "Client", "Created", "Last used", "Status", ""]}>
          {keys.length === 0 && <EmptyRow colSpan={8}>No API keys yet.</EmptyRow>}
          {keys.map((k) => (
            <tr key={k.id}>
              <Td>{k.name}</Td>
              <Td className="font-mono">{k.prefix}…</Td>
              <Td>{k.scopes.join(", ")}</Td>
              <Td>{k.clientName ?? <span className="text-slate-500">all clients</span>}</Td>
              <Td><When at={k.createdAt} /></Td>
              <Td><When at={k.lastUsedAt} /></Td>
              <Td>{k.revokedAt ? <Badge status="disabled" label="revoked" /> : <Badge status="active" />}</Td>
              <Td>
                {!k.revokedAt && (
                  <ActionButton action={revokeApiKeyAction} values={{ apiKeyId: k.id }} label="Revoke" confirm={`Revoke "${k.name}"? Calls with it fail at once.`} variant="ghost" />
                )}
              </Td>
            </tr>
          ))}
        </Table>
        <Card title="Create a key">
          <CreateKeyForm scopes={apiScopes} clients={clients.items.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))} />
        </Card>
      </div>
    </>
  );
}
