import { getTranslations } from "next-intl/server";
import { periods } from "@/lib/vocabulary";
import { Card, PageHeading } from "@/components/ui/card";
import { TariffForm } from "@/components/admin/tariff-form";
import { adminPageCtx } from "@/lib/services/request-context";
import { createTariffAction, loadTemplatesAction } from "../actions";
import { emptyTariff, handlerChoices } from "../values";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("addATariff.meta") };
}

export default async function NewTariffPage() {
  const tp = await getTranslations("admin.pages");
  const ctx = await adminPageCtx("/admin/tariffs/new");
  return (
    <>
      <PageHeading title={tp("addATariff.title")} />
      <Card>
        <TariffForm periods={periods} initial={emptyTariff} handlers={await handlerChoices(ctx)} action={createTariffAction} loadTemplates={loadTemplatesAction} />
      </Card>
    </>
  );
}
