import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";
import { boardFixture } from "./fixtures/board-fixture";

const hosting = demoSignIns.find((s) => s.email === "hosting@provisio.test")!;
const domains = demoSignIns.find((s) => s.email === "domains@provisio.test")!;
const admin = demoSignIns.find((s) => s.role === "admin")!;

const contexts: BrowserContext[] = [];
// The board and the dashboard refresh themselves every few seconds: a context left open would keep
// loading the server for the rest of the run.
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

/** A signed-in page in a browser context of its own, so several people can work side by side. */
async function signedIn(browser: Browser, who: { email: string; password: string }, home: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(home);
  return page;
}

const cardOf = (page: Page, column: string) =>
  page.getByRole("region", { name: column }).getByRole("link").filter({ hasText: boardFixture.clientName });

test("a Manual setup order reaches Hosting support's board, is taken and closed, and the client gets the typed details", async ({ browser }) => {
  const staff = await signedIn(browser, hosting, "/board");
  const card = cardOf(staff, "New");
  await expect(card).toBeVisible();
  await expect(card).toContainText("Set up · Dedicated E-2388");
  await expect(card).toContainText("Manual setup · 0 attempts · Hosting support");
  await card.click();
  await expect(staff).toHaveURL(/\/board\/tasks\/\d+$/);
  const taskUrl = new URL(staff.url()).pathname;
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(/^Task #\d+: Set up /);
  // The same words as the admin pages and the client area: names and labels, never the stored codes.
  const service = staff.getByLabel("Service", { exact: true });
  await expect(service).toContainText("Processing moduleManual setup");
  await expect(service).toContainText("ProductDedicated server");
  await expect(service).toContainText("StatusBeing set up");
  await expect(service).not.toContainText("(manual)");
  await expect(staff.getByLabel("Operation", { exact: true })).toContainText(/Operation#\d+ Set up(?! \()/);
  await expect(staff.getByLabel("Operation", { exact: true })).toContainText("StatusManual");
  await expect(staff.getByLabel("Client", { exact: true })).toContainText(boardFixture.email);

  await test.step("staff of another department see neither the card nor the task", async () => {
    const other = await signedIn(browser, domains, "/board");
    await expect(other.getByRole("region", { name: "New" })).toBeVisible();
    await expect(other.getByText(boardFixture.clientName)).toHaveCount(0);
    await other.goto(taskUrl);
    await expect(other.getByRole("main").getByRole("status")).toContainText("This task belongs to another department");
    await expect(other.getByRole("button", { name: "Close task" })).toHaveCount(0);
  });

  const late = await signedIn(browser, admin, "/admin");
  await late.goto("/board");
  await expect(cardOf(late, "New")).toBeVisible();

  await staff.getByRole("button", { name: "Take task" }).click();
  await expect(staff.getByTestId("task-holder")).toHaveText("You hold this task.");
  await expect(staff.getByTestId("task-status")).toContainText("In progress");
  await test.step("an open board follows without a reload", async () => {
    await expect(cardOf(late, "In progress")).toContainText("Taken by Sam Hosting");
    await expect(cardOf(late, "New")).toHaveCount(0);
  });

  await late.goto(taskUrl);
  await expect(late.getByTestId("task-holder")).toHaveText("Taken by Sam Hosting.");

  await test.step("a wrong value is shown next to its input", async () => {
    await staff.getByLabel("Login").fill("e2e-root");
    await staff.getByLabel("Password").fill("Typed-in-E2E-42");
    await staff.getByLabel("IP address").fill("not-an-ip");
    await staff.getByLabel("Panel URL").fill("https://panel-e2e.example.test");
    await staff.getByRole("button", { name: "Close task" }).click();
    await expect(staff.getByLabel("IP address")).toHaveAttribute("aria-invalid", "true");
    await expect(staff.getByLabel("IP address")).toHaveAccessibleDescription("Not an IP address");
    await expect(staff.getByLabel("Login")).toHaveValue("e2e-root");
  });

  await staff.getByLabel("IP address").fill("203.0.113.7");
  await staff.getByLabel("Password").fill("Typed-in-E2E-42");
  await staff.getByRole("button", { name: "Close task" }).click();
  await expect(staff.getByTestId("task-status")).toContainText("Done · closed by Sam Hosting");
  await expect(staff.getByTestId("service-status")).toHaveText("Active");
  await expect(staff.getByLabel("Operation", { exact: true })).toContainText("StatusDone");
  await expect(staff.getByLabel("Operation", { exact: true })).toContainText("Done bystaff, by hand");
  const email = staff.getByTestId("client-email");
  await expect(email).toContainText("e2e-root");
  await expect(email).not.toContainText("Typed-in-E2E-42");
  await expect(email).toContainText("https://panel-e2e.example.test");
  // The password is masked until staff ask for it (an audited reveal).
  await staff.getByRole("button", { name: /Show secrets/ }).click();
  await expect(staff.getByTestId("revealed-email")).toContainText("Typed-in-E2E-42");

  await test.step("whoever closes the same task a moment later is told who closed it", async () => {
    await late.getByLabel("Login").fill("someone-else");
    await late.getByRole("button", { name: "Close task" }).click();
    await expect(late.getByRole("main").getByRole("alert")).toHaveText("This task was already closed by Sam Hosting");
  });

  await staff.goto("/board");
  await expect(cardOf(staff, "Done")).toBeVisible();
  await expect(cardOf(staff, "New")).toHaveCount(0);
});
