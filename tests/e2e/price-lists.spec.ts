import { expect, test } from "./fixtures/csp";
import { adminSignIn, signInAs } from "./ops-helpers";

test("a client that pays in EUR is offered the plans priced in EUR, at those prices, and told why the others are missing", async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const client = { email: `euro-${stamp}@example.test`, password: "a good long password for euros" };
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, adminSignIn, "/admin");
  await admin.goto("/admin/clients");
  await admin.getByLabel("Name", { exact: true }).fill(`Euro Client ${stamp}`);
  await admin.getByRole("textbox", { name: "Email" }).fill(client.email);
  await admin.getByLabel("Currency").fill("EUR");
  await admin.getByLabel("Password for the client's sign-in").fill(client.password);
  await admin.getByRole("button", { name: "Add client" }).click();
  await expect(admin).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
  await admin.locator("#credit-amount").fill("20.00");
  await admin.getByRole("button", { name: "Credit", exact: true }).click();
  await expect(admin.getByTestId("balance")).toHaveText("€20.00");
  // The admin's order form offers the EUR price list only: Starter at €3.69, no Business (USD only).
  const options = await admin.getByLabel("Tariff and period").locator("option").allTextContents();
  expect(options).toContain("Starter — 1 mo — €3.69");
  expect(options.some((o) => o.startsWith("Business"))).toBe(false);

  // The tariff editor shows the EUR prices next to the tariff's own.
  await admin.goto("/admin/tariffs");
  await admin.getByRole("link", { name: "Starter", exact: true }).click();
  const other = admin.getByTestId("other-prices");
  await expect(other.getByRole("textbox", { name: "Currency" })).toHaveValue("EUR");
  await expect(other.getByRole("textbox", { name: "Price in EUR for 1 month" })).toHaveValue("3.69");

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, client, "/account");
  await page.goto("/");
  await expect(page.getByTestId("store-currency-note")).toContainText(/\d+ plans? on sale ha(s|ve) no price in EUR yet \(only in USD\)/);
  const hosting = page.getByRole("region", { name: "Web hosting" });
  await expect(hosting).toContainText("€3.69");
  await expect(hosting.getByRole("link", { name: "Order Business" })).toHaveCount(0);
  await hosting.getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`euro-${stamp}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await expect(page.getByTestId("cart-total")).toContainText("€3.69");
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await expect(page.getByTestId("invoice-amount")).toHaveText("€3.69");
});
