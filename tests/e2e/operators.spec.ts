import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoPorts, demoUrl } from "../../lib/demo/simulators";
import { adminSignIn, signInAs } from "./ops-helpers";

const panelUrl = () => demoUrl(demoPorts().ispmanager);

// The fault switch is shared by every spec of the run: never leave it on.
test.afterEach(async ({ request }) => {
  await request.post(`${panelUrl()}/__sim/reset`);
});

/** A new client with a balance, through the admin; returns its id. */
async function addClient(page: Page, name: string, email: string): Promise<number> {
  await page.goto("/admin/clients");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
  await page.locator("#credit-amount").fill("50.00");
  await page.getByRole("button", { name: "Credit", exact: true }).click();
  await expect(page.getByTestId("balance")).toHaveText("$50.00");
  return Number(new URL(page.url()).pathname.split("/").pop());
}

async function orderStarter(page: Page, domain: string) {
  const starter = await page.getByLabel("Tariff and period").locator("option", { hasText: "Starter — 1 mo" }).first().getAttribute("value");
  await page.getByLabel("Tariff and period").selectOption(starter!);
  await page.getByLabel("Domain", { exact: true }).fill(domain);
  await page.getByRole("button", { name: "Place order", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "paid from the balance" })).toBeVisible();
}

test("three services suspended together with one reason, a service found by its domain, and an escalated task mailed to its department", async ({ page, request }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const stamp = Date.now();
  const domains = [1, 2, 3].map((n) => `bulk${n}-${stamp}.example.com`);
  await signInAs(page, adminSignIn, "/admin");
  page.on("dialog", (dialog) => void dialog.accept());
  const clientId = await addClient(page, `Bulk Client ${stamp}`, `bulk-${stamp}@example.test`);
  for (const domain of domains) await orderStarter(page, domain);

  const rows = page.getByRole("row").filter({ hasText: `Bulk Client ${stamp}` });
  await test.step("the three services are ticked on Services and suspended together, for abuse", async () => {
    await page.goto(`/admin/services?clientId=${clientId}`);
    await expect(rows).toHaveCount(3);
    await expect(rows.locator('[data-status="active"]')).toHaveCount(3, { timeout: 60_000 });
    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole("checkbox").check();
    const bulk = page.getByRole("form", { name: "Act on the ticked services" });
    await bulk.getByLabel("With the ticked services").selectOption("suspend");
    await bulk.getByLabel("Reason").selectOption("abuse");
    await bulk.getByLabel("Note for the clients (optional)").fill("Spam sent from these sites");
    await bulk.getByRole("button", { name: "Apply" }).click();
    await expect(bulk.getByRole("status")).toHaveText("3 suspended");
    await page.goto(`/admin/services?clientId=${clientId}`);
    await expect(rows.locator('[data-status="suspended"]')).toHaveCount(3, { timeout: 60_000 });
  });

  await test.step("the search box in the admin finds a service by its domain, typed in capitals", async () => {
    await page.goto("/admin");
    await page.getByRole("searchbox", { name: "Search" }).fill(domains[1]!.toUpperCase());
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/search\?q=/);
    const found = page.getByRole("region", { name: "Services" }).getByRole("link");
    await expect(found).toHaveCount(1);
    await expect(found).toContainText(domains[1]!);
    await found.click();
    await expect(page).toHaveURL(/\/admin\/services\/\d+$/);
    await expect(page.getByRole("main")).toContainText(domains[1]!);
  });

  await test.step("a set-up ISPmanager refuses for good becomes a task, and Hosting support is emailed about it", async () => {
    const domain = `escalated-${stamp}.example.com`;
    expect((await request.post(`${panelUrl()}/__sim/faults`, { data: { exists: true } })).ok()).toBe(true);
    await page.goto(`/admin/clients/${clientId}`);
    await orderStarter(page, domain);
    await page.goto(`/admin/services?clientId=${clientId}`);
    const link = page.getByRole("row").filter({ hasText: domain }).getByRole("link", { name: /^#\d+$/ });
    const serviceId = (await link.textContent())!.slice(1);
    await page.goto("/admin/mail?to=hosting%40provisio.test");
    const mail = page.getByRole("row").filter({ hasText: new RegExp(`Set up service #${serviceId}\\b`) });
    await expect(async () => {
      await page.reload();
      await expect(mail).toContainText(/Task #\d+ for staff after failed tries/, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(mail).toContainText("hosting@provisio.test");
  });
});
