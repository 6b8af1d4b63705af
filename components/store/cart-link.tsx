"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCart } from "./cart-store";

export function CartLink() {
  const { items } = useCart();
  const t = useTranslations("common");
  return (
    <Link href="/cart" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
      {t("cart", { count: items.length })}
    </Link>
  );
}
