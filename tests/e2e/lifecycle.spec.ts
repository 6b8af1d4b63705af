import { createHmac } from "node:crypto";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";
import { adminSignIn, expectInsideViewport, expectNoSidewaysScroll, signInAs } from "./ops-helpers";

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

test("renewal paid by card for the difference: a client renews for a year with a short balance through the demo gateway", async ({ page }) => {
  test.setTimeout(150_000);
  const { clientId } = await signUpNewClient(page, "Renewal Client");
  await page.goto("/account/balance");
  await page.getByLabel("Amount (USD)").fill("10");
  await page.getByRole("button", { name: "Add funds (demo gateway)" }).click();
  await page.getByRole("button", { name: "Pay $10.00 (demo)" }).click();
  await expect(page.getByTestId("payment-status")).toContainText("was added to your balance");

  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`renew-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("button", { name: "Check out" }).click();
  await page.getByRole("button", { name: "Pay $3.99 from balance" }).click();
  await page.getByRole("link", { name: /^Starter: renew-\d+\.example\.com$/ }).click();
  await expect(page).toHaveURL(/\/account\/services\/\d+$/);
  const serviceUrl = page.url();
  await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });

  await expect(page.getByTestId("renew-note")).toContainText("Renew for 1 month for $3.99, or for another period");
  await page.getByRole("link", { name: "Renew…" }).click();
  await expect(page).toHaveURL(/\/account\/services\/\d+\/renew$/);
  await expect(page.getByTestId("renew-balance")).toHaveText("$6.01");
  await expect(page.getByTestId("renew-summary")).toContainText("$3.99 is taken from your balance");
  await page.getByRole("radio", { name: /^1 year \$39\.90/ }).check();
  await expect(page.getByTestId("renew-summary")).toContainText("Your balance does not cover $39.90. Pay the difference, $33.89, with the demo gateway");
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSidewaysScroll(page);
    await expectInsideViewport(page, page.getByRole("button", { name: "Pay $33.89 with the demo gateway and renew" }), `the pay button at ${width} px`);
  }
  await page.getByRole("button", { name: "Pay $33.89 with the demo gateway and renew" }).click();

  await expect(page).toHaveURL(/\/pay\/demo\/demo_[\w-]+$/);
  await expect(page.getByTestId("demo-amount")).toHaveText("$33.89");
  const reference = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("button", { name: "Pay $33.89 (demo)" }).click();
  await expect(page.getByTestId("payment-status")).toContainText("Payment received: $33.89. The renewal is paid (the rest from your balance)");
  await page.getByRole("link", { name: "See the service" }).click();
  await expect(page).toHaveURL(serviceUrl);
  await expect(page.getByTestId("history")).toContainText("Renewed for 12 months, $39.90 paid from the balance");
  await expect(page.getByTestId("history")).toContainText("Service renewed on the panel", { timeout: 30_000 });
  await expect(page.getByRole("main")).toContainText("1 year period");

  // The gateway reports the same payment again: it is recorded once, and the service renewed once.
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference, clientId, amount: 3389, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", process.env.E2E_PAYMENT_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex");
  const replay = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(replay.status).toBe(200);
  await page.reload();
  await expect(page.getByTestId("history").getByText(/Renewed for 12 months/)).toHaveCount(1);
  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  await page.goto("/account/invoices");
  await expect(page.getByRole("main")).toContainText("Renewal of service");
});
