import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";

async function signInAsAdmin(page: Page) {
  const admin = demoSignIns.find((s) => s.role === "admin")!;
  await page.goto("/sign-in?next=/admin/api-keys");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
}

test("an admin creates an API key, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await signInAsAdmin(page);
  await page.getByLabel("Name").fill("E2E integrator");
  await page.getByRole("checkbox", { name: /orders:write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^pv_live_/);
  const row = page.getByRole("row", { name: /E2E integrator/ });
  await expect(row).toContainText(`${secret.slice(0, 14)}…`);
  await expect(row).toContainText("read, orders:write");
  const headers = { authorization: `Bearer ${secret}` };
  const tariffs = await request.get("/api/v1/tariffs", { headers });
  expect(tariffs.status()).toBe(200);
  expect(((await tariffs.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("row", { name: /E2E integrator/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /E2E integrator/ })).toContainText("revoked");
  expect((await request.get("/api/v1/tariffs", { headers })).status()).toBe(401);
});

test("an admin adds a webhook endpoint and sees its secret once and the delivery log", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/webhooks");
  await page.getByLabel("URL").fill("https://hooks.example.test/provisio");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("new-webhook-secret")).toContainText("whsec_");
  await expect(page.getByRole("table", { name: "Webhook endpoints" })).toContainText("https://hooks.example.test/provisio");
  await expect(page.getByRole("heading", { name: "Recent deliveries" })).toBeVisible();
});

test("the API reference renders every endpoint without an external script", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(test.info().project.use.baseURL!)) external.push(r.url());
  });
  await page.goto("/developers");
  await expect(page.getByRole("heading", { level: 1, name: "Provisio API" })).toBeVisible();
  await expect(page.getByRole("link", { name: "POST /orders/{id}/pay" })).toBeVisible();
  await expect(page.locator("#createOrder")).toContainText("/api/v1/orders");
  expect(external).toEqual([]);
});
