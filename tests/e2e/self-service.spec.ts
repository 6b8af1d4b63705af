import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

const clientArea = (page: Page) => page.getByRole("navigation", { name: "Client area" });

async function addToCartAndCheckOut(page: Page) {
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await page.getByRole("button", { name: "Check out" }).click();
}

test("a new client signs up, adds funds through the demo gateway, orders a .com domain and hosting for it, and gets both with no admin", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewClient(page, "Self Service");
  const domain = `self-service-${Date.now()}.com`;

  // Add funds: the demo gateway, clearly labelled, pays through the signed payment webhook.
  await clientArea(page).getByRole("link", { name: "Balance" }).click();
  await page.getByLabel("Amount (USD)").fill("60");
  await page.getByRole("button", { name: "Add funds (demo gateway)" }).click();
  await expect(page).toHaveURL(/\/pay\/demo\/demo_[\w-]+$/);
  await expect(page.getByRole("main")).toContainText("Demo gateway: no money moves.");
  await expect(page.getByTestId("demo-amount")).toHaveText("$60.00");
  await page.getByRole("button", { name: "Pay $60.00 (demo)" }).click();
  await expect(page).toHaveURL(/\/account\/payments\/return\?session_id=demo_/);
  await expect(page.getByTestId("payment-status")).toHaveText("Payment received: $60.00 was added to your balance.");
  await page.getByRole("link", { name: "Balance and payments" }).click();
  await expect(page.getByTestId("balance")).toHaveText("$60.00");
  await expect(page.getByRole("list", { name: "Card payments" })).toContainText("Paid");

  // A .com domain: checkout asks for the registrant's details before anything is paid.
  await page.getByRole("banner").getByRole("link", { name: "Store" }).click();
  await page.getByRole("region", { name: "Domains" }).getByRole("link", { name: "Order .com domain" }).click();
  await page.getByLabel("Domain name").fill(`WWW.${domain.toUpperCase()}`);
  await addToCartAndCheckOut(page);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The domain registry needs your full contact details");
  await page.getByRole("link", { name: "Fill in your profile" }).click();
  await expect(page).toHaveURL("/account/profile?next=/cart");
  await page.getByLabel("Phone").fill("+1 201 555 0123");
  await page.getByLabel("Street address").fill("1 Main Street");
  await page.getByLabel("City").fill("Springfield");
  await page.getByLabel("Postcode").fill("62701");
  await page.getByLabel("Country").selectOption({ label: "United States" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL("/cart");
  await expect(page.getByRole("main")).toContainText(domain);
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await page.getByRole("button", { name: "Pay $12.90 from balance" }).click();
  await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
  await expect(page.getByRole("status").filter({ hasText: "Payment received" })).toBeVisible();

  // Hosting for the same domain: the cPanel plan asks for it.
  await page.getByRole("banner").getByRole("link", { name: "Store" }).click();
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Business" }).click();
  await page.getByLabel("Your site's domain").fill(domain);
  await addToCartAndCheckOut(page);
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await page.getByRole("button", { name: "Pay $8.99 from balance" }).click();
  await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);

  const domainRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `.com domain: ${domain}` }) });
  const hostingRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Business: ${domain}` }) });
  await expect(domainRow.getByTestId("service-status")).toHaveText("Active", { timeout: 45_000 });
  await expect(hostingRow.getByTestId("service-status")).toHaveText("Active", { timeout: 45_000 });
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Payment received" })).toHaveCount(0);

  await expect(async () => {
    await page.goto("/account/messages");
    await expect(page.locator("summary", { hasText: `Domain ${domain} is registered` })).toBeVisible({ timeout: 1000 });
    await expect(page.locator("summary", { hasText: `Your hosting is ready: ${domain}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  await clientArea(page).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("balance")).toHaveText("$38.11");
});
