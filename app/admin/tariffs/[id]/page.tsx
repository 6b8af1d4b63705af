import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getTariff } from "@/lib/services/tariffs/get";
import { periods } from "@/lib/vocabulary";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { TariffForm } from "@/components/admin/tariff-form";
import { noHandlerText } from "@/components/admin/labels";
import { adminPageCtx } from "@/lib/services/request-context";
import { loadTemplatesAction, updateTariffAction } from "../actions";
import { handlerChoices, tariffValues } from "../values";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function TariffPage({ params }: Props) {
  const { id } = await params;
  const ctx = await adminPageCtx(`/admin/tariffs/${id}`);
  const tariff = await getTariff({ ctx, input: { tariffId: id } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/tariffs" className="text-indigo-700 hover:underline">
          ← Tariffs
        </Link>
      </p>
      <PageHeading title={tariff.name} description={tariff.onSale ? "On sale in the store" : tariff.published ? "Published, but not on sale" : "Hidden from the store"} />
      <ParamNotice messages={{ created: "The tariff was created." }} />
      {tariff.noEnabledHandler && (
        <Notice tone="warning">
          <span className="font-medium" data-testid="no-handler-flag">{noHandlerText(tariff.sellWithoutHandler)}</span>.{" "}
          {tariff.sellWithoutHandler
            ? "Its orders are paid and go to staff as tasks."
            : "Enable one of its processing modules, choose another, or tick “Sell anyway, set up by hand”."}
        </Notice>
      )}
      <Card>
        <TariffForm periods={periods} tariffId={tariff.id} initial={tariffValues(tariff)} handlers={await handlerChoices(ctx)} action={updateTariffAction} loadTemplates={loadTemplatesAction} />
      </Card>
    </>
  );
}
