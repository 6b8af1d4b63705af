"use client";

import { useSyncExternalStore } from "react";

export type CartItem = {
  /** A local id, to remove one line. */
  id: string;
  tariffId: number;
  months: number;
  addons: Record<string, number>;
  params: { domain?: string; hostname?: string; os?: string; transfer?: boolean; authCode?: string };
};

/**
 * The cart lives in the browser; `checkoutKey` is the idempotency key of a checkout of exactly this
 * content: every change of the cart makes a new one, so an old key never stands for new items.
 */
export type Cart = {
  items: CartItem[];
  checkoutKey: string;
  /** The signed-in user the cart belongs to; null for a visitor's cart, adopted at sign-in. */
  owner?: string | null;
};

const STORAGE_KEY = "provisio.cart";
const listeners = new Set<() => void>();
const empty: Cart = { items: [], checkoutKey: "" };
let cached: { raw: string | null; cart: Cart } = { raw: null, cart: empty };

/** crypto.randomUUID needs a secure context; getRandomValues works on plain http too. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
const newKey = () => `checkout-${randomId()}`;

function read(): Cart {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (raw === cached.raw) return cached.cart;
  let cart = empty;
  try {
    const parsed = raw ? (JSON.parse(raw) as Cart) : null;
    if (parsed && Array.isArray(parsed.items) && typeof parsed.checkoutKey === "string") cart = parsed;
  } catch {
    // a damaged cart is dropped
  }
  cached = { raw, cart };
  return cart;
}

function write(cart: Cart): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(cart));
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useCart(): Cart {
  return useSyncExternalStore(subscribe, read, () => empty);
}

export function addToCart(item: Omit<CartItem, "id">): void {
  const cart = read();
  write({ ...cart, items: [...cart.items, { ...item, id: randomId() }], checkoutKey: newKey() });
}

/** Items added together (a site and its domain's registration): one change of the cart, one new key. */
export function addAllToCart(items: Omit<CartItem, "id">[]): void {
  const cart = read();
  write({ ...cart, items: [...cart.items, ...items.map((item) => ({ ...item, id: randomId() }))], checkoutKey: newKey() });
}

export function removeFromCart(id: string): void {
  const cart = read();
  write({ ...cart, items: cart.items.filter((i) => i.id !== id), checkoutKey: newKey() });
}

/** A fresh key for the same items (the server refused the old one for another cart). */
export function renewCheckoutKey(): void {
  write({ ...read(), checkoutKey: newKey() });
}

/** After a successful checkout: an empty cart and a new key for the next one. */
export function clearCart(): void {
  write({ ...read(), items: [], checkoutKey: newKey() });
}

/**
 * Ties the cart to who is signed in (null: nobody). A visitor's cart is adopted by the account that
 * signs in; a cart of another account, or of the account that just signed out, is emptied, so the
 * next person on the browser never sees it.
 */
export function claimCart(owner: string | null): void {
  const cart = read();
  const had = cart.owner ?? null;
  if (had === owner) return;
  if (had === null) {
    write({ ...cart, owner });
    return;
  }
  write({ items: [], checkoutKey: newKey(), owner });
}
