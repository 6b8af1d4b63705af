import { createHmac } from "node:crypto";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

/** Tops a client's balance up as the payment gateway would: the raw body signed with HMAC-SHA256 over "<t>.<body>". */
async function topUp(clientId: number, amount: number) {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference: `gw-addon-${Date.now()}`, clientId, amount, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", process.env.E2E_PAYMENT_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(res.status).toBe(200);
}

test("a client adds disk to a live hosting service, reads the prorated amount first, and the panel gets the new limit", async ({ page }) => {
  test.setTimeout(120_000);
  const { clientId } = await signUpNewClient(page, "Add-on Client");
  await topUp(clientId, 10_00);
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`addon-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("button", { name: "Check out" }).click();
  await page.getByRole("button", { name: "Pay $3.99 from balance" }).click();
  await page.getByRole("link", { name: /^Starter: addon-\d+\.example\.com$/ }).click();
  await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });

  const addons = page.getByTestId("addon-change");
  await addons.getByLabel("Extra Disk (GiB)").fill("5");
  await addons.getByRole("button", { name: "Show the amounts…" }).click();
  await expect(page.getByTestId("addon-confirm")).toContainText("Change to Disk: 10 GiB (5 extra), Databases: 5 for the rest of the paid period");
  await expect(page.getByTestId("addon-confirm")).toContainText("$0.00 is credited for the unused time of the add-ons the service has and $2.50 is charged for the new ones: $2.50 is taken from your balance.");
  await addons.getByRole("button", { name: "Yes, change add-ons" }).click();
  await expect(addons).toContainText("Changing the add-ons: $2.50 was taken from your balance.");
  await expect(page.getByTestId("history")).toContainText("Tariff changed on the panel", { timeout: 30_000 });
  await expect(page.getByTestId("history")).toContainText("Add-on change requested (Disk: 10 GiB (5 extra), Databases: 5)");
  await page.reload();
  await expect(page.getByRole("main")).toContainText("Disk: 10 GiB");
  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("$3.51");
});
