"use client";

import { useEffect } from "react";
import { claimCart } from "./cart-store";

/** Keeps the browser's cart with the signed-in account: emptied when another account (or nobody) is signed in. */
export function CartOwner({ owner }: { owner: string | null }) {
  useEffect(() => claimCart(owner), [owner]);
  return null;
}
