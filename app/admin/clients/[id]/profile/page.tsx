import Link from "next/link";
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
export const metadata = { title: "Edit client profile · Provisio" };

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
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/admin/clients/${client.id}`} className="text-indigo-700 hover:underline">← {client.name}</Link>
      </p>
      <PageHeading title={`Profile of ${client.name}`} description="Changes are written to the audit log." />
      <Card>
        <ProfileForm values={profileValues(client)} countries={countryOptions()} action={updateClientProfileAction.bind(null, client.id)} pendingEmail={client.pendingEmail} />
      </Card>
      <Card title="Tax exemption" className="mt-6">
        <SpecForm
          action={setTaxExemptAction.bind(null, client.id)}
          submitLabel="Save tax exemption"
          fields={[
            { name: "exempt", label: "Exempt from tax: its invoices carry no tax", type: "checkbox", defaultValue: client.taxExempt ? "true" : "false" },
            { name: "reason", label: "Ground for the exemption", type: "textarea", defaultValue: client.taxExemptReason ?? "", hint: "Printed on its invoices, e.g. \"Charity, exempt under section 12\". Issued invoices keep their tax." },
          ]}
        />
      </Card>
    </div>
  );
}
