import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

const clientArea = (page: Page) => page.getByRole("navigation", { name: "Client area" });

test("a client searches a name, orders hosting with the domain's registration in one order, pays once, then manages the domain", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpNewClient(page, "Story Owner");
  const label = `story${Date.now()}`;
  const domain = `${label}.com`;

  await test.step("funds and the registrant's details", async () => {
    await clientArea(page).getByRole("link", { name: "Balance" }).click();
    await page.getByLabel("Amount (USD)").fill("20");
    await page.getByRole("button", { name: "Add funds (demo gateway)" }).click();
    await page.getByRole("button", { name: "Pay $20.00 (demo)" }).click();
    await expect(page.getByTestId("payment-status")).toContainText("Payment received");
    await page.goto("/account/profile");
    await page.getByLabel("Phone").fill("+1 201 555 0123");
    await page.getByLabel("Street address").fill("1 Main Street");
    await page.getByLabel("City").fill("Springfield");
    await page.getByLabel("Postcode").fill("62701");
    await page.getByLabel("Country").selectOption({ label: "United States" });
    await page.getByRole("button", { name: /^Save/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  });

  await test.step("the search finds the name free in .com", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Search for a domain name" }).click();
    await expect(page).toHaveURL(/\/domains/);
    await page.getByLabel("Domain name").fill(label);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("domain-result").filter({ hasText: domain })).toHaveAttribute("data-status", "available");
  });

  await test.step("hosting with \"register a new domain\": two lines of one cart, one invoice, one payment", async () => {
    await page.getByRole("banner").getByRole("link", { name: "Store" }).click();
    await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Order Starter" })).toBeVisible();
    await page.getByLabel("Period").selectOption("1");
    await expect(page.getByTestId("domain-choice").getByLabel("Register a new domain")).toBeChecked();
    await page.getByLabel("Your site's domain").fill(domain);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page).toHaveURL("/cart");
    await expect(page.getByRole("heading", { level: 2, name: "Starter" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: ".com domain" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("Total: $16.89");
    await page.getByRole("button", { name: "Check out" }).click();
    await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
    await expect(page.getByRole("main")).toContainText(`Starter: ${domain}`);
    await expect(page.getByRole("main")).toContainText(`.com domain: ${domain}`);
    await page.getByRole("button", { name: "Pay $16.89 from balance" }).click();
    await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
  });

  await test.step("both are set up after the one payment", async () => {
    await page.getByRole("link", { name: `Starter: ${domain}` }).click();
    await expect(page).toHaveURL(/\/account\/services\/\d+$/);
    await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });
    await clientArea(page).getByRole("link", { name: "Services" }).click();
    await expect(page).toHaveURL(/\/account\/services$/);
    await page.getByRole("link", { name: `.com domain: ${domain}` }).click();
    await expect(page).toHaveURL(/\/account\/services\/\d+$/);
    await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });
  });

  await test.step("name servers, the transfer lock and the auth code through the domain's page", async () => {
    const settings = page.getByTestId("domain-settings");
    await expect(settings).toContainText("Transfer lock: on");
    await settings.getByLabel("Name servers").fill(`ns1.${domain} 192.0.2.10\nns2.dns-host.test`);
    await settings.getByRole("button", { name: "Change name servers" }).click();
    await expect(settings).toContainText("The new name servers are being sent to the registry");
    await expect(page.getByTestId("details")).toContainText(`ns1.${domain}, ns2.dns-host.test`, { timeout: 30_000 });
    await page.getByTestId("domain-settings").getByRole("button", { name: "Turn the lock off" }).click();
    await expect(page.getByTestId("domain-settings")).toContainText("Transfer lock: off", { timeout: 30_000 });
    await page.getByTestId("domain-settings").getByRole("button", { name: "Turn the lock on" }).click();
    await expect(page.getByTestId("domain-settings")).toContainText("Transfer lock: on", { timeout: 30_000 });
    await page.getByTestId("domain-settings").getByRole("button", { name: "Show the auth code" }).click();
    await expect(page.getByTestId("auth-code")).toHaveText(/^\S{8,32}$/);
  });
});
