import { expect, test } from "./fixtures/csp";
import { adminSignIn, signInAs } from "./ops-helpers";

test("suspend for abuse, suspend and lift the client: the abuse suspension stays", async ({ page }) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  page.on("dialog", (dialog) => void dialog.accept());
  await signInAs(page, adminSignIn, "/admin");

  // A client with a hosting service ordered by the admin (the order form asks for the site's domain once Starter is chosen).
  await page.goto("/admin/clients");
  await page.getByLabel("Name", { exact: true }).fill(`Abuse Client ${stamp}`);
  await page.getByRole("textbox", { name: "Email" }).fill(`abuse-${stamp}@example.test`);
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
  const clientUrl = page.url().replace(/\?.*$/, "");
  await page.locator("#credit-amount").fill("20.00");
  await page.getByRole("button", { name: "Credit", exact: true }).click();
  await expect(page.getByTestId("balance")).toHaveText("$20.00");
  const order = page.getByTestId("order-for-client");
  await order.getByLabel("Tariff and period").selectOption({ label: "Starter — 1 mo — $3.99" });
  await order.getByLabel("Domain", { exact: true }).fill(`abuse-${stamp}.example.com`);
  await order.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByTestId("balance")).toHaveText("$16.01");
  await page.getByRole("table", { name: "Services of the client" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/services\/\d+$/);
  const serviceUrl = page.url();
  await expect(page.getByTestId("service-status")).toContainText("Active", { timeout: 30_000 });

  // Suspended for abuse on the service itself.
  const suspension = page.locator("section").filter({ has: page.getByRole("heading", { name: "Suspension", exact: true }) });
  await suspension.getByLabel("Reason").selectOption({ label: "Abuse" });
  await suspension.getByLabel("Note for the client (optional)").fill("Spam sent from this site");
  await suspension.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByTestId("service-status")).toContainText("Suspended", { timeout: 30_000 });
  await expect(page.getByTestId("suspension-reasons")).toContainText("Abuse");

  // The whole client suspended, then lifted.
  await page.goto(clientUrl);
  await page.getByText("Suspend client…").click();
  await page.getByRole("combobox", { name: "Reason", exact: true }).selectOption({ label: "Not paid" });
  await page.getByRole("button", { name: "Suspend client" }).click();
  await expect(page.getByRole("main")).toContainText("Suspended since");
  await page.goto(serviceUrl);
  await expect(page.getByTestId("suspension-reasons")).toContainText("(the whole client is suspended)");
  await page.goto(clientUrl);
  await page.getByRole("button", { name: "Lift suspension" }).click();
  await expect(page.getByRole("main")).not.toContainText("Suspended since");

  // The abuse suspension stays: still suspended, nothing resumes it.
  await page.goto(serviceUrl);
  await expect(page.getByTestId("suspension-reasons")).toContainText("Abuse");
  await expect(page.getByTestId("suspension-reasons")).not.toContainText("(the whole client is suspended)");
  await page.waitForTimeout(5_000);
  await page.reload();
  await expect(page.getByTestId("service-status")).toContainText("Suspended");
  await expect(page.getByRole("table", { name: "Operations of the service" })).not.toContainText("Resume");
  await expect(page.getByTestId("suspension-reasons").getByRole("button", { name: "Lift this reason" })).toBeVisible();
});
