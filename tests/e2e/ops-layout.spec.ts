import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { adminSignIn, expectInsideViewport, expectNoSidewaysScroll, signInAs } from "./ops-helpers";

const widths = [1366, 390] as const;

async function openStarterTariff(page: Page) {
  await page.goto("/admin/tariffs");
  await page.getByRole("link", { name: "Starter", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/tariffs\/\d+$/);
}

for (const width of widths) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await signInAs(page, adminSignIn, "/admin");
    });

    test("Current operations keeps its key columns inside the viewport", async ({ page }) => {
      await page.goto("/admin/operations");
      const table = page.getByRole("table", { name: "Operations" });
      for (const name of ["Status", "Operation", "Service"]) {
        await expectInsideViewport(page, table.getByRole("columnheader", { name, exact: true }), `the ${name} column`);
      }
      const first = table.getByRole("row").nth(1);
      await expect(first).toBeVisible();
      for (const [i, name] of ["Status", "Operation", "Service"].entries()) {
        await expectInsideViewport(page, first.getByRole("cell").nth(i), `the first row's ${name}`);
      }
      await expectInsideViewport(page, page.getByRole("button", { name: "Filter" }), "the Filter button");
      await expectNoSidewaysScroll(page);
    });

    test("the tariff editor keeps its fields inside the viewport", async ({ page }) => {
      await openStarterTariff(page);
      const fields = [
        page.getByLabel("Name", { exact: true }),
        page.getByLabel("Price for 1 month"),
        page.getByLabel("Price for 1 year"),
        page.getByLabel("Resource 1 key"),
        page.getByLabel("Resource 1 label"),
        page.getByLabel("Resource 1 amount"),
        page.getByLabel("Resource 1 unit price"),
        page.getByRole("button", { name: "Remove resource 1" }),
        page.getByLabel("Sell anyway, set up by hand"),
        page.getByRole("button", { name: "Save changes" }),
      ];
      for (const field of fields) {
        await field.scrollIntoViewIfNeeded();
        await expectInsideViewport(page, field, (await field.getAttribute("aria-label")) ?? (await field.textContent()) ?? "a field");
      }
      if (width >= 1024) {
        // The resource grid's heads sit above their fields: each column starts where its head starts.
        const offsets = await page.getByTestId("resource-1").evaluate((row) => {
          const heads = Array.from(row.closest("fieldset")!.querySelectorAll(":scope > div[aria-hidden] > span"));
          return Array.from(row.children).map((cell, i) => Math.round(cell.getBoundingClientRect().x - heads[i]!.getBoundingClientRect().x));
        });
        expect(offsets).toEqual(offsets.map(() => 0));
      }
      await expectNoSidewaysScroll(page);
      // An empty field's example reads as an example: "e.g. GiB", lighter than typed text.
      await page.getByRole("button", { name: "Add resource" }).click();
      const unit = page.getByLabel(/^Resource \d+ unit$/).last();
      await expect(unit).toHaveValue("");
      await expect(unit).toHaveAttribute("placeholder", "e.g. GiB");
      const [text, placeholder] = await unit.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el, "::placeholder").color]);
      expect(placeholder).not.toBe(text);
    });

    test("the tariff list keeps its key columns inside the viewport", async ({ page }) => {
      await page.goto("/admin/tariffs");
      const table = page.getByRole("table", { name: "Tariffs" });
      for (const name of ["Name", "Processing modules", ...(width >= 640 ? ["Store"] : [])]) {
        await expectInsideViewport(page, table.getByRole("columnheader", { name, exact: true }), `the ${name} column`);
      }
      await expectNoSidewaysScroll(page);
    });

    test("every admin section can be reached without sideways scrolling", async ({ page }) => {
      if (width < 768) await page.getByText("Admin menu").click();
      const nav = page.getByRole("navigation", { name: "Admin" });
      const links = nav.getByRole("link");
      await expect(links).toHaveCount(16);
      for (const link of await links.all()) await expectInsideViewport(page, link, `the ${await link.textContent()} link`);
      await expectNoSidewaysScroll(page);
    });
  });
}
