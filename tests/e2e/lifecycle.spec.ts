import { expect, test } from "./fixtures/csp";
import { adminSignIn, signInAs } from "./ops-helpers";

test("a paid set-up cancelled by the admin is refunded to the balance, and both sides read what happened", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  await signInAs(page, adminSignIn, "/admin");

  await page.goto("/admin/clients");
  await page.getByLabel("Name", { exact: true }).fill(`Refund Client ${stamp}`);
  await page.getByRole("textbox", { name: "Email" }).fill(`refund-${stamp}@example.test`);
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
  const clientUrl = page.url().replace(/\?.*$/, "");
  await page.locator("#credit-amount").fill("99.00");
  await page.getByRole("button", { name: "Credit", exact: true }).click();
  await expect(page.getByTestId("balance")).toHaveText("$99.00");
  await page.getByLabel("Tariff and period").selectOption({ label: "Dedicated E-2388 — 1 mo — $99.00" });
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByTestId("balance")).toHaveText("$0.00");

  await page.getByRole("table", { name: "Services of the client" }).getByRole("link").first().click();
  await expect(page.getByTestId("service-status")).toContainText("Being set up");
  const wayOut = page.getByTestId("way-out");
  await expect(wayOut.getByRole("button", { name: "Try the set-up again" })).toBeVisible();
  await wayOut.getByRole("button", { name: "Cancel the set-up and refund $99.00" }).click();
  await expect(page.getByTestId("service-status")).toContainText("Closed");
  await expect(page.getByRole("table", { name: "History of the service" })).toContainText("Set-up cancelled, $99.00 returned to your balance");

  await page.goto(clientUrl);
  await expect(page.getByTestId("balance")).toHaveText("$99.00");
  await expect(page.getByRole("table", { name: "Balance history" })).toContainText(/Set-up of service #\d+ cancelled/);
  await expect(page.getByRole("table", { name: "Invoices of the client" })).toContainText("$99.00");
});
