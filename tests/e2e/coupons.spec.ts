import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";
import { demoSignIns } from "../../lib/seed";

const admin = demoSignIns.find((s) => s.role === "admin")!;

async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin");
}

test("an admin makes a coupon; a client's wrong code is refused with the reason, the right one is a line of the invoice", async ({ browser }) => {
  const code = `HALF${Date.now() % 1_000_000}`;
  const adminPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(adminPage);
  await adminPage.goto("/admin/tariffs");
  await adminPage.getByRole("link", { name: "Coupons" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Coupons" })).toBeVisible();
  await adminPage.getByLabel("Code").fill(code);
  await adminPage.getByLabel("Percent off").fill("50");
  await adminPage.getByLabel("Uses per client").fill("1");
  await adminPage.getByRole("button", { name: "Create coupon" }).click();
  await expect(adminPage.getByText(`Coupon ${code} created`)).toBeVisible();
  await expect(adminPage.getByTestId("coupons")).toContainText(code);

  const page = await (await browser.newContext()).newPage();
  await signUpNewClient(page, "Coupon Buyer");
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`coupon-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await page.getByLabel("Coupon code (optional)").fill("NO-SUCH-CODE");
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page.locator("#cart-coupon-error")).toHaveText('There is no coupon "NO-SUCH-CODE". Check the code and try again.');
  await page.getByLabel("Coupon code (optional)").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  // Starter is $3.99 a month: 50% off is $2.00 (half-up), so the invoice asks $1.99.
  await expect(page.getByText(`Coupon ${code} (50% off)`)).toBeVisible();
  await expect(page.getByTestId("invoice-amount")).toHaveText("$1.99");
});
