import { expect, test } from "./fixtures/csp";

test("a hosting order offers register, transfer or a domain already owned", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link").first().click();
  const choice = page.getByTestId("domain-choice");
  await expect(choice.getByRole("radio")).toHaveCount(3);
  await expect(choice.getByRole("link", { name: "See which names are free on the domains page" })).toBeVisible();
  await choice.getByLabel("Use a domain I already have").check();
  await page.getByLabel("Domain name").fill(`own${Date.now()}.example.com`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/order-hosting-own-390.png", fullPage: true });
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
});
