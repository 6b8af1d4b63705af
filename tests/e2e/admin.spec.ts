import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoPanel, demoPorts, demoUrl } from "../../lib/demo/simulators";
import { demoSignIns } from "../../lib/seed";

const admin = demoSignIns.find((s) => s.role === "admin")!;
/** The demo ISPmanager simulator of this run (global setup chose SIMULATOR_BASE_PORT). */
const panelUrl = () => demoUrl(demoPorts().ispmanager);

async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin");
}

// The fault switch is shared by every spec of the run: never leave it on.
test.afterEach(async ({ request }) => {
  await request.post(`${panelUrl()}/__sim/reset`);
});

test("an admin connects a panel, sells a tariff on it, and recovers a failed order from Current operations", async ({ page, request }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const handlerName = `ISPmanager e2e ${stamp}`;
  const tariffName = `Hosting e2e ${stamp}`;
  const clientName = `E2E Client ${stamp}`;
  const domain = `e2e-${stamp}.example.com`;
  await signInAsAdmin(page);

  await test.step("create a processing module with the wizard and check its connection", async () => {
    await page.goto("/admin/handlers/new");
    await page.getByLabel("Shared web hosting").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("ISPmanager").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Panel URL").fill(panelUrl());
    await page.getByLabel("User name").fill(demoPanel.user);
    await page.getByLabel("Password").fill(demoPanel.password);
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect(page.getByTestId("check-result").getByRole("status")).toContainText("OK: ISPmanager answered");
    await expect(page.getByTestId("check-result")).not.toContainText(demoPanel.password);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Name", { exact: true }).fill(handlerName);
    await page.getByLabel("Data center").fill("Local");
    await page.getByLabel("Responsible department").selectOption({ label: "Hosting support" });
    await page.getByRole("button", { name: "Create processing module" }).click();
    await expect(page).toHaveURL(/\/admin\/handlers\/\d+\?notice=created$/);
    await expect(page.getByRole("heading", { level: 1, name: handlerName })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect(page.getByTestId("check-result").getByRole("status")).toContainText("OK");
  });

  await test.step("create a tariff with a template picked from the panel's list", async () => {
    await page.goto("/admin/tariffs/new");
    await page.getByLabel("Product type").selectOption("hosting");
    await page.getByLabel("Name", { exact: true }).fill(tariffName);
    await page.getByRole("checkbox", { name: new RegExp(handlerName) }).check();
    const template = page.getByLabel("Account template");
    await expect(template.locator("option")).toContainText(["No template", "AdvancedPack", "StarterPack"]);
    await template.selectOption("AdvancedPack");
    await page.getByLabel("Price for 1 month").fill("5.00");
    await page.getByRole("button", { name: "Create tariff" }).click();
    await expect(page).toHaveURL(/\/admin\/tariffs\/\d+\?notice=created$/);
    await expect(page.getByLabel("Account template")).toHaveValue("AdvancedPack");
  });

  await test.step("add a client and credit its balance (the demo client's stays as other specs expect it)", async () => {
    await page.goto("/admin/clients");
    await page.getByLabel("Name", { exact: true }).fill(clientName);
    await page.getByLabel("Email", { exact: true }).fill(`e2e-${stamp}@example.test`);
    await page.getByRole("button", { name: "Add client" }).click();
    await expect(page).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
    await page.getByLabel("Amount (USD)").fill("20.00");
    await page.getByRole("button", { name: "Credit" }).click();
    await expect(page.getByTestId("balance")).toHaveText("$20.00");
  });

  await test.step("the panel starts failing, and the admin orders the tariff for the client", async () => {
    const fault = await request.post(`${panelUrl()}/__sim/faults`, { data: { http500: true } });
    expect(fault.ok()).toBe(true);
    await page.getByLabel("Tariff and period").selectOption({ label: `${tariffName} — 1 mo — $5.00` });
    await page.getByLabel("Domain").fill(domain);
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "paid from the balance" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("$15.00");
  });

  await test.step("Current operations shows the failed open; its page has the error log", async () => {
    await page.goto("/admin/operations");
    const row = page.getByRole("row").filter({ hasText: clientName }).first();
    await expect(row).toContainText(handlerName);
    await expect(row).toContainText("http_500");
    await expect(row.getByRole("link", { name: domain })).toHaveAttribute("href", /^\/admin\/services\/\d+$/);
    const words = await page.getByRole("main").locator("[data-status]").allTextContents();
    expect(words.length).toBeGreaterThan(0);
    expect(words.filter((w) => !/^[A-Z]/.test(w))).toEqual([]);
    await row.getByRole("link", { name: /^#\d+$/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Set up");
    await expect(page.getByLabel("Log of attempt 1")).toContainText("error http_500");
    await expect(page.getByRole("link", { name: domain })).toBeVisible();
    await expect(page.getByText("http_500", { exact: true })).toBeVisible();
  });

  await test.step("with the panel back, a restart sets the service up", async () => {
    const reset = await request.post(`${panelUrl()}/__sim/reset`);
    expect(reset.ok()).toBe(true);
    await page.getByRole("button", { name: "Restart now" }).click();
    await expect(page.getByLabel("Log of attempt 2")).toContainText("user.add", { timeout: 30_000 });
    await page.locator(`main a[href^="/admin/services/"]`).first().click();
    await expect(page).toHaveURL(/\/admin\/services\/\d+$/);
    await expect(page.getByTestId("service-status")).toHaveText("Active", { timeout: 30_000 });
    await expect(page.getByRole("row").filter({ hasText: "Service set up" })).toBeVisible();
  });

  await test.step("the services list names the service by its domain and its client by name, linked to the client", async () => {
    await page.goto("/admin/services");
    const row = page.getByRole("row").filter({ hasText: domain });
    await expect(row.getByRole("link", { name: clientName, exact: true })).toHaveAttribute("href", /^\/admin\/clients\/\d+$/);
    await expect(row).not.toContainText("Client #");
    await expect(row.locator("[data-status]")).toHaveText("Active");
  });
});
