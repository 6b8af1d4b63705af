import { expect, test } from "./fixtures/csp";
import { adminSignIn, signInAs } from "./ops-helpers";

test("an admin signs in as a client for support, sees the banner, and goes back; both ends are in the audit log", async ({ page }) => {
  await signInAs(page, adminSignIn, "/admin");
  await page.goto("/admin/clients");
  await page.getByRole("link", { name: "Demo Client", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/clients\/\d+$/);
  const clientPage = new URL(page.url()).pathname;
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Sign in as this client" }).click();
  await expect(page).toHaveURL(/\/account$/);
  const banner = page.getByTestId("support-banner");
  await expect(banner).toContainText("You are signed in as Demo Client for support");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("client@provisio.test");

  await banner.getByRole("button", { name: "Back to admin" }).click();
  await expect(page).toHaveURL(clientPage);
  await expect(page.getByTestId("support-banner")).toHaveCount(0);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/admin\?notice=forbidden$/);

  await page.goto("/admin/audit?entity=client");
  await expect(page.getByRole("row").filter({ hasText: "client.support_start" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "client.support_end" })).toHaveCount(1);
});
