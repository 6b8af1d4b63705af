import { afterAll, beforeEach, describe, expect, it } from "vitest";

/** The browser's localStorage and events, enough for the cart store. */
const storage = new Map<string, string>();
const fakeWindow = {
  localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
  addEventListener: () => {},
  removeEventListener: () => {},
};
const g = globalThis as unknown as { window?: unknown };
g.window = fakeWindow;
const { addToCart, claimCart, removeFromCart } = await import("@/components/store/cart-store");
const stored = () => JSON.parse(storage.get("provisio.cart") ?? "null") as { items: unknown[]; owner?: string | null } | null;
const item = { tariffId: 1, months: 1, addons: {}, params: { domain: "example.com" } };

describe("the cart belongs to who is signed in", () => {
  beforeEach(() => storage.clear());
  afterAll(() => {
    delete g.window;
  });

  it("a visitor's cart is adopted by the account that signs in", () => {
    claimCart(null);
    addToCart(item);
    claimCart("7");
    expect(stored()).toMatchObject({ owner: "7", items: [expect.objectContaining({ tariffId: 1 })] });
    claimCart("7");
    expect(stored()!.items).toHaveLength(1);
  });

  it("signing out empties it, so the next person on the browser does not see it", () => {
    claimCart("7");
    addToCart(item);
    addToCart({ ...item, tariffId: 2 });
    claimCart(null);
    expect(stored()).toMatchObject({ owner: null, items: [] });
  });

  it("another account signing in does not get the last one's cart", () => {
    claimCart("7");
    addToCart(item);
    claimCart("8");
    expect(stored()).toMatchObject({ owner: "8", items: [] });
    addToCart(item);
    const [line] = stored()!.items as { id: string }[];
    removeFromCart(line!.id);
    expect(stored()).toMatchObject({ owner: "8", items: [] });
  });
});
