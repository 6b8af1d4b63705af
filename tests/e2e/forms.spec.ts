import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";
import { adminSignIn, expectInsideViewport, expectNoSidewaysScroll, signInAs } from "./ops-helpers";

const client = demoSignIns.find((s) => s.role === "client")!;
const NEEDED = "Needed to check the connection";
const accountTabs = ["Overview", "Services", "Invoices", "Balance", "Messages", "Profile", "Security"];

/** The connection fields of the form on screen, with whether each is marked invalid. */
async function marks(page: Page, labels: string[]) {
  const out: Record<string, boolean> = {};
  for (const label of labels) out[label] = (await page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")) === "true";
  return out;
}

async function openDemoIspmanager(page: Page) {
  await page.goto("/admin/handlers");
  await page.getByRole("link", { name: "ISPmanager (demo)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ISPmanager (demo)" })).toBeVisible();
}

test.describe("the client area at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every account tab is on screen or reached by scrolling the tab strip, never the page", async ({ page }) => {
    await signInAs(page, client, "/account");
    const tabs = page.getByRole("navigation", { name: "Client area" }).getByRole("link");
    await expect(tabs).toHaveText(accountTabs);
    await expect(page.locator('[data-cue="end"]'), "the strip shows that it scrolls").toBeVisible();
    for (const tab of await tabs.all()) {
      await tab.scrollIntoViewIfNeeded();
      await expectInsideViewport(page, tab, `the ${await tab.textContent()} tab`);
      await expectNoSidewaysScroll(page);
    }
    await page.goto("/account/security");
    const current = page.getByRole("link", { name: "Security", exact: true });
    await expect(current).toHaveAttribute("aria-current", "page");
    await expectInsideViewport(page, current, "the current tab, without scrolling");
    await expect(page.locator('[data-cue="start"]')).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});

test.describe("Check connection", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, adminSignIn, "/admin");
  });

  test("in the wizard, marks exactly the required fields left blank and keeps what was typed", async ({ page }) => {
    await page.goto("/admin/handlers/new");
    await page.getByLabel("Shared web hosting").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("ISPmanager").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("User name").fill("typed-user");
    await page.getByLabel("Timeout, ms").fill("5000");
    await page.getByRole("button", { name: "Check connection" }).click();

    await expect(page.getByTestId("check-result")).toHaveText("Fill in the marked fields to check the connection");
    expect(await marks(page, ["Panel URL", "User name", "Password", "Timeout, ms"])).toEqual({ "Panel URL": true, "User name": false, Password: true, "Timeout, ms": false });
    await expect(page.getByText(NEEDED)).toHaveCount(2);
    await expect(page.getByLabel("Panel URL")).toHaveAccessibleDescription(NEEDED);
    await expect(page.getByLabel("User name")).toHaveValue("typed-user");
    await expect(page.getByLabel("Timeout, ms")).toHaveValue("5000");

    await page.getByLabel("Panel URL").fill("http://127.0.0.1:1");
    expect(await marks(page, ["Panel URL", "Password"])).toEqual({ "Panel URL": false, Password: true });
  });

  test("in the editor, a blank field is marked, and a refused password points at the sign-in fields in plain words", async ({ page }) => {
    await openDemoIspmanager(page);
    const url = await page.getByLabel("Panel URL").inputValue();
    await page.getByLabel("Panel URL").fill("");
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect(page.getByTestId("check-result")).toHaveText("Fill in the marked fields to check the connection");
    // The stored password counts: only the emptied address is missing.
    expect(await marks(page, ["Panel URL", "User name", "Password"])).toEqual({ "Panel URL": true, "User name": false, Password: false });

    await page.getByLabel("Panel URL").fill(url);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Check connection" }).click();
    const answer = page.getByTestId("check-result").getByRole("status");
    await expect(answer).toHaveText('Not connected. The panel did not accept the sign-in: check "User name" and "Password".');
    await expect(answer).not.toContainText("auth");
    expect(await marks(page, ["Panel URL", "User name", "Password"])).toEqual({ "Panel URL": false, "User name": true, Password: true });
    await expect(page.getByLabel("Password")).toHaveValue("not-the-password");
  });
});

test("a success notice goes away at the next edit", async ({ page }) => {
  await signInAs(page, adminSignIn, "/admin");
  await openDemoIspmanager(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  const saved = page.getByRole("status").filter({ hasText: /^Saved$/ });
  await expect(saved).toBeVisible();
  await page.getByLabel("Data center").fill("Edited after saving");
  await expect(saved).toHaveCount(0);

  // A notice asked for by the address after a redirect goes the same way, and leaves the address.
  await page.goto(`${new URL(page.url()).pathname}?notice=created`);
  const created = page.getByRole("status").filter({ hasText: "The processing module was created." });
  await expect(created).toBeVisible();
  await page.getByLabel("Data center").fill("Edited again");
  await expect(created).toHaveCount(0);
  await expect(page).toHaveURL(/\/admin\/handlers\/\d+$/);
});

test("a success notice fades by itself after a few seconds", async ({ page }) => {
  await signInAs(page, adminSignIn, "/admin");
  await openDemoIspmanager(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  const saved = page.getByRole("status").filter({ hasText: /^Saved$/ });
  await expect(saved).toBeVisible();
  await expect(saved).toHaveCount(0, { timeout: 12_000 });
});
