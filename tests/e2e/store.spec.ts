import { createHmac } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

const secret = () => process.env.E2E_PAYMENT_WEBHOOK_SECRET!;
const ispmanagerSim = () => `http://127.0.0.1:${Number(process.env.SIMULATOR_BASE_PORT) + 1}`;

/** What the payment gateway would send: the raw body signed with HMAC-SHA256 over "<t>.<body>". */
async function deliverPayment(clientId: number, reference: string, amount: number) {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference, clientId, amount, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret()).update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` },
    body,
  });
  return { status: res.status, body: (await res.json()) as { created?: boolean; error?: { code: string } } };
}

async function signUp(page: Page, name: string): Promise<number> {
  return (await signUpNewClient(page, name)).clientId;
}

async function orderStarterWithDisk(page: Page) {
  await page.goto("/");
  const hosting = page.getByRole("region", { name: "Web hosting" });
  await hosting.getByRole("link", { name: "Order Starter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Order Starter" })).toBeVisible();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Extra Disk (GiB)").fill("2");
  await page.getByLabel("Your site's domain").fill(`starter-${Date.now()}.example.com`);
  await expect(page.getByTestId("order-total")).toHaveText("Total: $4.99 for 1 month");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await expect(page.getByRole("heading", { level: 2, name: "Starter" })).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("Total: $4.99");
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await expect(page.getByTestId("invoice-amount")).toHaveText("$4.99");
}

test("a new client tops up by the payment webhook, orders Starter with an add-on, pays and gets the service", async ({ page }) => {
  const clientId = await signUp(page, "Store Client");
  expect(clientId).toBeGreaterThan(0);
  const reference = `gw-e2e-${Date.now()}`;
  expect(await deliverPayment(clientId, reference, 50_00)).toEqual({ status: 200, body: expect.objectContaining({ created: true }) });
  expect(await deliverPayment(clientId, reference, 50_00)).toEqual({ status: 200, body: expect.objectContaining({ created: false }) });
  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText("$50.00");

  await orderStarterWithDisk(page);
  // A slow panel keeps the service "being set up" long enough to see it.
  await fetch(`${ispmanagerSim()}/__sim/faults`, { method: "POST", body: JSON.stringify({ slowMs: 5000 }) });
  try {
    await page.getByRole("button", { name: "Pay $4.99 from balance" }).click();
    await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
    const row = page.getByRole("listitem").filter({ hasText: "Starter" });
    await expect(row.getByTestId("service-status")).toHaveText("Being set up");
  } finally {
    await fetch(`${ispmanagerSim()}/__sim/faults`, { method: "POST", body: JSON.stringify({ slowMs: 0 }) });
  }
  await page.getByRole("link", { name: /^Starter: starter-\d+\.example\.com$/ }).click();
  await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });
  const details = page.getByTestId("details");
  await expect(details).toContainText("Login");
  await expect(details).toContainText("Panel URL");
  await expect(page.getByRole("main")).toContainText("Disk: 7 GiB");
  await page.getByRole("button", { name: "Show passwords" }).click();
  await expect(page.getByTestId("secrets")).toContainText("Password");

  await page.getByRole("navigation", { name: "Client area" }).getByRole("link", { name: "Messages" }).click();
  await expect(page).toHaveURL("/account/messages");
  const welcome = page.locator("summary", { hasText: /Your hosting is ready: starter-\d+\.example\.com/ });
  await expect(async () => {
    await page.reload();
    await expect(welcome).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await welcome.click();
  await expect(page.getByRole("main")).toContainText("Password");

  await page.getByRole("navigation", { name: "Client area" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL("/account");
  await expect(page.getByTestId("balance")).toHaveText("$45.01");
});

test("paying with too little balance shows a clear error and leaves the invoice unpaid", async ({ page }) => {
  await signUp(page, "Short Funds");
  await orderStarterWithDisk(page);
  await page.getByRole("button", { name: "Pay $4.99 from balance" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Insufficient funds: the order costs $4.99, the balance is $0.00");
  await page.reload();
  await expect(page.getByTestId("invoice-status")).toHaveText("Unpaid");
});

test("the webhook refuses a delivery signed with another secret", async () => {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference: "gw-forged", clientId: 1, amount: 100, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", "not-the-secret").update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(res.status).toBe(401);
});
