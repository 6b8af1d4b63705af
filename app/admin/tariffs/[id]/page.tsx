import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getTariff } from "@/lib/services/tariffs/get";
import { periods } from "@/lib/vocabulary";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { TariffForm } from "@/components/admin/tariff-form";
import { adminLabelsIn } from "@/components/admin/labels";
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
  const t = await getTranslations("adminTariff.page");
  const labels = adminLabelsIn(await getLocale());
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/tariffs" className="text-indigo-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeading title={tariff.name} description={tariff.onSale ? t("onSale") : tariff.published ? t("notOnSale") : t("hidden")} />
      <ParamNotice messages={{ created: t("created") }} />
      {tariff.noEnabledHandler && (
        <Notice tone="warning">
          <span className="font-medium" data-testid="no-handler-flag">{labels.noHandler(tariff.sellWithoutHandler)}</span>.{" "}
          {tariff.sellWithoutHandler ? t("byStaff") : t("enableOne")}
        </Notice>
      )}
      <Card>
        <TariffForm periods={periods} tariffId={tariff.id} initial={tariffValues(tariff)} handlers={await handlerChoices(ctx)} action={updateTariffAction} loadTemplates={loadTemplatesAction} />
      </Card>
    </>
  );
}
