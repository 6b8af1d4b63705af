import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

const clientArea = (page: Page) => page.getByRole("navigation", { name: "Client area" });

test("a client registers a .com domain, changes its name servers, turns the transfer lock off and sees the auth code", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewClient(page, "Domain Owner");
  const domain = `manage${Date.now()}.com`;

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

  await page.getByRole("banner").getByRole("link", { name: "Store" }).click();
  await page.getByRole("region", { name: "Domains" }).getByRole("link", { name: "Order .com domain" }).click();
  await page.getByLabel("Domain name").fill(domain);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await page.getByRole("button", { name: "Pay $12.90 from balance" }).click();
  await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
  await page.getByRole("link", { name: new RegExp(domain) }).first().click();
  await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });

  const settings = page.getByTestId("domain-settings");
  await expect(settings).toContainText("Transfer lock: on");
  // A name server under the domain needs its address; the page says so before anything is queued.
  await settings.getByLabel("Name servers").fill(`ns1.${domain}\nns2.dns-host.test`);
  await settings.getByRole("button", { name: "Change name servers" }).click();
  await expect(settings.getByRole("alert")).toContainText("IP address");
  await settings.getByLabel("Name servers").fill(`ns1.${domain} 192.0.2.10\nns2.dns-host.test`);
  await settings.getByRole("button", { name: "Change name servers" }).click();
  await expect(settings).toContainText("The new name servers are being sent to the registry");
  await expect(page.getByTestId("details")).toContainText(`ns1.${domain}, ns2.dns-host.test`, { timeout: 30_000 });

  await page.getByTestId("domain-settings").getByRole("button", { name: "Turn the lock off" }).click();
  await expect(page.getByTestId("domain-settings")).toContainText("Transfer lock: off", { timeout: 30_000 });

  await page.getByTestId("domain-settings").getByRole("button", { name: "Show the auth code" }).click();
  await expect(page.getByTestId("auth-code")).toHaveText(/^\S{8,32}$/);
});
