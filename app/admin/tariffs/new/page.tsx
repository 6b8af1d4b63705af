import { periods } from "@/lib/vocabulary";
import { Card, PageHeading } from "@/components/ui/card";
import { TariffForm } from "@/components/admin/tariff-form";
import { adminPageCtx } from "@/lib/services/request-context";
import { createTariffAction, loadTemplatesAction } from "../actions";
import { emptyTariff, handlerChoices } from "../values";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add a tariff · Provisio" };

export default async function NewTariffPage() {
  const ctx = await adminPageCtx("/admin/tariffs/new");
  return (
    <>
      <PageHeading title="Add a tariff" />
      <Card>
        <TariffForm periods={periods} initial={emptyTariff} handlers={await handlerChoices(ctx)} action={createTariffAction} loadTemplates={loadTemplatesAction} />
      </Card>
    </>
  );
}
