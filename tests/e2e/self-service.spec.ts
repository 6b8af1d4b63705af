import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";
import { expectNoSidewaysScroll } from "./ops-helpers";

const clientArea = (page: Page) => page.getByRole("navigation", { name: "Client area" });

async function addToCartAndCheckOut(page: Page) {
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await page.getByRole("button", { name: "Check out" }).click();
}

test("a new client signs up, adds funds through the demo gateway, orders a .com domain and hosting for it, and gets both with no admin", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewClient(page, "Self Service");
  const domain = `selfservice${Date.now()}.com`; // one long word, as many real names are

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
  const hostingInvoice = new URL(page.url()).pathname;
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

  // On a phone: the hosting's page with its long name, and its invoice, fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await clientArea(page).getByRole("link", { name: "Services" }).click();
  await page.getByRole("link", { name: `Business: ${domain}` }).click();
  await expect(page).toHaveURL(/\/account\/services\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Business: ${domain}`);
  await expectNoSidewaysScroll(page);

  // A client action's success notice goes by itself, like the admin forms' notices.
  await page.getByRole("button", { name: "Turn auto-renew off" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Auto-renew is off." });
  await expect(notice).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn auto-renew on" })).toBeVisible();
  await expect(notice).toHaveCount(0, { timeout: 12_000 });

  await page.goto(hostingInvoice);
  const line = page.getByRole("row").filter({ hasText: `Business: ${domain}` });
  const overlap = await line.evaluate((row) => {
    const [item, period] = Array.from(row.children);
    const text = document.createRange();
    text.selectNodeContents(item!);
    return text.getBoundingClientRect().right - period!.getBoundingClientRect().left;
  });
  expect(overlap, "the item's name stays out of the Period column").toBeLessThanOrEqual(0);
  await expectNoSidewaysScroll(page);
});
