import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listCatalog } from "@/lib/services/catalog/list";
import { viewerCurrency } from "@/lib/services/catalog/currency-note";
import { loadTaxSetup } from "@/lib/billing/tax-setup";
import { requestCtx } from "@/lib/services/request-context";
import { PageHeading } from "@/components/ui/card";
import { CartView } from "@/components/store/cart-view";
import { checkoutAction, couponPreviewAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("cart"))("metaTitle") };
}

export default async function CartPage() {
  const ctx = await requestCtx();
  const { actor } = ctx;
  const currency = await viewerCurrency(ctx);
  const catalog = await listCatalog({ ctx, input: currency ? { currency } : {} });
  const setup = await loadTaxSetup(ctx.db);
  const tax = setup.rates.length === 0 ? null : setup.pricesIncludeTax ? "included" : "excluded";
  const t = await getTranslations("cart");
  const checkout = actor.type !== "user" ? "anonymous" : actor.clientId === null ? "staff" : "client";
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/" className="text-sm text-indigo-700 hover:underline">
        {t("continue")}
      </Link>
      <PageHeading title={t("title")} description={t("description")} />
      <CartView catalog={catalog} checkout={checkout} action={checkoutAction} previewCoupon={couponPreviewAction} tax={tax} />
    </div>
  );
}
