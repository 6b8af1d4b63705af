"use client";

import Link from "next/link";
import { useCart } from "./cart-store";

export function CartLink() {
  const { items } = useCart();
  return (
    <Link href="/cart" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
      Cart ({items.length})
    </Link>
  );
}
