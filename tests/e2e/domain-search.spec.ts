import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

test("a client searches a name in every zone, orders it from the results and sees it in Unicode in the cart", async ({ page }) => {
  await signUpNewClient(page, "Domain Searcher");
  const label = `поиск-${Date.now().toString(36)}`;
  await page.goto("/");
  await page.getByRole("link", { name: "Search for a domain name" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find a domain" })).toBeVisible();
  await page.getByLabel("Domain name").fill(label);
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByTestId("domain-result");
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: `${label}.рф` })).toHaveAttribute("data-status", "available");
  const com = rows.filter({ hasText: `${label}.com` });
  await expect(com).toHaveAttribute("data-status", "available");
  await com.getByRole("link", { name: "Order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Order .com domain" })).toBeVisible();
  await expect(page.getByLabel("Domain name")).toHaveValue(`${label}.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL("/cart");
  await expect(page.getByText(`${label}.com`)).toBeVisible();

  await page.goto(`/domains?name=${encodeURIComponent("-bad-")}`);
  await expect(page.getByText(/Use letters, digits and hyphens/)).toBeVisible();
});
