import type { Browser, Page } from "@playwright/test";
import { join } from "node:path";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";
import { adminSignIn, expectNoSidewaysScroll, signInAs } from "./ops-helpers";

const dir = join(import.meta.dirname, "../../docs/screenshots");
const staff = demoSignIns.find((s) => s.email === "hosting@provisio.test")!;
const shot = (page: Page, name: string) => page.screenshot({ path: join(dir, name), fullPage: true });

// This file answers the confirmation itself: it looks at the dialog, then goes back.
test.use({ confirmsAccepted: false });

async function withPage<T>(browser: Browser, width: number, run: (page: Page) => Promise<T>): Promise<T> {
  // Some pages refresh themselves: each context is closed at the end.
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test("staff, client notes, email texts, tariff templates and the confirmation, at 1366 and 390 px", async ({ browser }) => {
  test.setTimeout(180_000);
  await withPage(browser, 1366, async (page) => {
    await signInAs(page, adminSignIn, "/admin");

    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Staff and admins" }).getByRole("row").nth(1)).toBeVisible();
    await expect(page.getByRole("table", { name: "Staff and admins" })).toContainText("Hosting");
    await shot(page, "staff.png");

    await page.goto("/admin/clients");
    await page.getByRole("table").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/admin\/clients\/\d+$/);
    const note = `Prefers email over phone (${Date.now()})`;
    await page.locator('textarea[name="body"]').fill(note);
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("client-notes")).toContainText(note);
    await page.getByRole("button", { name: "Sign in as this client" }).click();
    const dialog = page.getByRole("dialog", { name: "Please confirm" });
    await expect(dialog).toContainText("Sign in as this client for support?");
    await page.screenshot({ path: join(dir, "confirm-dialog.png") });
    await dialog.getByRole("button", { name: "Go back" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/admin\/clients\/\d+$/);
    await shot(page, "client-notes.png");

    await page.goto("/admin/emails?template=account-link");
    await page.getByLabel("Subject").fill("Your link, {{name}}");
    await page.getByLabel("Body text").fill("Hello {{name}},\n\nopen this link to choose your password:\n\n{{url}}");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("preview-subject")).toHaveText("Your link, Ada");
    await expect(page.getByTestId("email-variables")).toContainText("{{url}}");
    await shot(page, "email-texts.png");

    await page.goto("/admin/tariffs");
    await page.getByRole("link", { name: "Starter", exact: true }).first().click();
    await expect(page.getByTestId("handler-templates")).toBeVisible();
    await expect(page.getByTestId("handler-templates").getByRole("combobox").first()).toHaveValue("StarterPack");
    await shot(page, "tariff-templates.png");
  });

  await withPage(browser, 390, async (page) => {
    await signInAs(page, adminSignIn, "/admin");
    await page.goto("/admin/users");
    await expectNoSidewaysScroll(page);
    await shot(page, "staff-390.png");
  });
});

test("the board with its Cancelled lane, and the store's catalog, at 1366 and 390 px", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const width of [1366, 390]) {
    await withPage(browser, width, async (page) => {
      await signInAs(page, staff, "/board");
      await expect(page.getByRole("region", { name: "Cancelled" })).toBeVisible();
      await shot(page, width === 390 ? "board-390.png" : "board-lanes.png");
    });
    await withPage(browser, width, async (page) => {
      await page.goto("/");
      const cards = page.getByRole("article");
      await expect(cards.first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      if (width === 1366) {
        // Four plans a row at a laptop's width (three would make each card over 400 px wide).
        expect((await cards.first().boundingBox())!.width).toBeLessThan(360);
      }
      await expect(page.getByRole("main")).not.toContainText(/over EPP|on VMmanager|vCloud Director/);
      await shot(page, `store-${width}.png`);
    });
  }
});
