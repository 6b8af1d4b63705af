import { createHmac } from "node:crypto";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

/** Tops a client's balance up as the payment gateway would: the raw body signed with HMAC-SHA256 over "<t>.<body>". */
async function topUp(clientId: number, amount: number) {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference: `gw-plan-${Date.now()}`, clientId, amount, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", process.env.E2E_PAYMENT_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(res.status).toBe(200);
}

test("a client upgrades Starter to Advanced, reads the prorated amounts first, and the panel changes the plan", async ({ page }) => {
  test.setTimeout(120_000);
  const { clientId } = await signUpNewClient(page, "Plan Client");
  await topUp(clientId, 20_00);
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`plan-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("button", { name: "Check out" }).click();
  await page.getByRole("button", { name: "Pay $3.99 from balance" }).click();
  await page.getByRole("link", { name: /^Starter: plan-\d+\.example\.com$/ }).click();
  await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });

  const change = page.getByTestId("plan-change");
  await change.getByRole("button", { name: "Change to Advanced ($6.99)…" }).click();
  await expect(page.getByTestId("plan-confirm")).toContainText("$3.99 is credited for the unused time of Starter and $6.99 is charged for Advanced: $3.00 is taken from your balance.");
  await change.getByRole("button", { name: "Yes, change plan" }).click();
  await expect(change).toContainText("Changing to Advanced: $3.00 was taken from your balance.");
  await expect(page.getByTestId("history")).toContainText("Tariff changed on the panel", { timeout: 30_000 });
  await expect(page.getByTestId("history")).toContainText("Plan change to Advanced requested: $3.99 credited for Starter, $6.99 charged for Advanced");
  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("$13.01");
});
