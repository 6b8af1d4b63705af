import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClient } from "@/lib/services/clients/get";
import { Card, PageHeading } from "@/components/ui/card";
import { ProfileForm } from "@/components/store/profile-form";
import { countryOptions, profileValues } from "@/app/(store)/account/profile/values";
import { adminPageCtx } from "@/lib/services/request-context";
import { SpecForm } from "@/components/admin/spec-form";
import { setTaxExemptAction, updateClientProfileAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("adminClient.profile"))("meta") };
}

type Props = { params: Promise<{ id: string }> };

/** An admin edits any client's profile with the client's own form. */
export default async function ClientProfilePage({ params }: Props) {
  const { id } = await params;
  const clientId = Number(id);
  if (!Number.isInteger(clientId) || clientId <= 0 || clientId > 2_147_483_647) notFound();
  const ctx = await adminPageCtx(`/admin/clients/${clientId}/profile`);
  const client = await getClient({ ctx, input: { clientId } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  const t = await getTranslations("adminClient.profile");
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/admin/clients/${client.id}`} className="text-indigo-700 hover:underline">← {client.name}</Link>
      </p>
      <PageHeading title={t("title", { name: client.name })} description={t("description")} />
      <Card>
        <ProfileForm values={profileValues(client)} countries={countryOptions()} action={updateClientProfileAction.bind(null, client.id)} pendingEmail={client.pendingEmail} />
      </Card>
      <Card title={t("taxTitle")} className="mt-6">
        <SpecForm
          action={setTaxExemptAction.bind(null, client.id)}
          submitLabel={t("taxSave")}
          fields={[
            { name: "exempt", label: t("exempt"), type: "checkbox", defaultValue: client.taxExempt ? "true" : "false" },
            { name: "reason", label: t("ground"), type: "textarea", defaultValue: client.taxExemptReason ?? "", hint: t("groundHint") },
          ]}
        />
      </Card>
    </div>
  );
}
