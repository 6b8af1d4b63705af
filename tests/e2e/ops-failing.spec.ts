import { expect, test } from "./fixtures/csp";
import { demoPorts, demoUrl } from "../../lib/demo/simulators";
import { adminSignIn, signInAs } from "./ops-helpers";

const panelUrl = () => demoUrl(demoPorts().ispmanager);

// The fault switch is shared by every spec of the run: never leave it on.
test.afterEach(async ({ request }) => {
  await request.post(`${panelUrl()}/__sim/reset`);
});

test("an operation that fails shows as failing with its next try on the dashboard and the list, and the failing filter finds it", async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const stamp = Date.now();
  const clientName = `Failing Client ${stamp}`;
  await signInAs(page, adminSignIn, "/admin");

  await test.step("a new client with a balance orders Starter while ISPmanager answers 500", async () => {
    await page.goto("/admin/clients");
    await page.getByLabel("Name", { exact: true }).fill(clientName);
    await page.getByLabel("Email", { exact: true }).fill(`failing-${stamp}@example.test`);
    await page.getByRole("button", { name: "Add client" }).click();
    await expect(page).toHaveURL(/\/admin\/clients\/\d+\?notice=created$/);
    await page.getByLabel("Amount (USD)").fill("10.00");
    await page.getByRole("button", { name: "Credit" }).click();
    await expect(page.getByTestId("balance")).toHaveText("$10.00");
    expect((await request.post(`${panelUrl()}/__sim/faults`, { data: { http500: true } })).ok()).toBe(true);
    // two orders: one is cancelled below, the other stays failing until the panel answers again
    for (const balance of ["$6.01", "$2.02"]) {
      await page.getByLabel("Tariff and period").selectOption({ label: "Starter — 1 mo — $3.99" });
      await page.getByLabel("Domain").fill(`failing-${balance.slice(1).replace(".", "-")}-${stamp}.example.com`);
      await page.getByRole("button", { name: "Place order" }).click();
      await expect(page.getByTestId("balance")).toHaveText(balance);
    }
  });

  const rows = page.getByRole("row").filter({ hasText: clientName });
  const row = rows.first();
  await test.step("Current operations shows it failing, with the attempt, the next try and the error's first line", async () => {
    await page.goto("/admin/operations");
    for (const r of [rows.first(), rows.last()]) await expect(r.getByTestId("operation-state")).toHaveAttribute("data-state", "failing", { timeout: 30_000 });
    await expect(row).toContainText(/attempt 1 of 3 failed, next try (\d\d:\d\d UTC|in \d+ s|now)/);
    await expect(row).toContainText("http_500");
  });

  await test.step("the dashboard counts it and links to the failing filter, which finds it", async () => {
    await page.goto("/admin");
    const tile = page.getByTestId("tile-failing");
    await expect(tile).toContainText(/Operations failing now\s*[1-9]/);
    await tile.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/operations\?status=failing$/);
    await expect(page.getByLabel("Status")).toHaveValue("failing");
    await expect(rows).toHaveCount(2);
    const states = await page.getByRole("main").getByTestId("operation-state").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(["failing"]));
  });

  await test.step("its page says when it is tried next and offers only the actions that apply", async () => {
    await row.getByRole("link", { name: /^#\d+$/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Set up");
    await expect(page.getByTestId("operation-state").first()).toContainText(/Failing\s*attempt 1 of 3 failed, next try (\d\d:\d\d UTC|in \d+ s|now)/);
    await expect(page.getByRole("button", { name: "Restart now" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Switch to manual" })).toBeVisible();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("operation-state").first()).toHaveAttribute("data-state", "cancelled");
    await expect(page.getByRole("button", { name: "Restart now" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  });
});
