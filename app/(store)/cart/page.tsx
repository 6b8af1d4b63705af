import Link from "next/link";
import { listCatalog } from "@/lib/services/catalog/list";
import { requestCtx } from "@/lib/services/request-context";
import { PageHeading } from "@/components/ui/card";
import { CartView } from "@/components/store/cart-view";
import { checkoutAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Cart · Provisio" };

export default async function CartPage() {
  const ctx = await requestCtx();
  const { actor } = ctx;
  const catalog = await listCatalog({ ctx });
  const checkout = actor.type !== "user" ? "anonymous" : actor.clientId === null ? "staff" : "client";
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/" className="text-sm text-indigo-700 hover:underline">
        ← Continue shopping
      </Link>
      <PageHeading title="Cart" description="Check your order; you pay from your balance on the next page." />
      <CartView catalog={catalog} checkout={checkout} action={checkoutAction} />
    </div>
  );
}
