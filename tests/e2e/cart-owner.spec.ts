import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";
import { signInAs } from "./ops-helpers";

const client = demoSignIns.find((s) => s.role === "client")!;
const cartLink = (page: Page) => page.getByRole("main").getByRole("link", { name: /^Cart \(\d+\)$/ });

async function addStarter(page: Page) {
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Your site's domain").fill(`cart-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
}

test("the cart belongs to the signed-in account: a visitor's cart is kept at sign-in, and signing out empties it for the next person", async ({ page }) => {
  await addStarter(page);
  await page.goto("/");
  await expect(cartLink(page)).toHaveText("Cart (1)");

  await signInAs(page, client, "/account");
  await page.goto("/");
  await expect(cartLink(page)).toHaveText("Cart (1)");

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/");
  await expect(cartLink(page)).toHaveText("Cart (0)");
  await page.goto("/cart");
  await expect(page.getByRole("heading", { level: 2, name: "Starter" })).toHaveCount(0);
});
