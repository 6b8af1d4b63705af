import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { emailedLink } from "./fixtures/account-links";
import { demoSignIns } from "../../lib/seed";

const demo = (role: "admin" | "staff" | "client") => demoSignIns.find((s) => s.role === role)!;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the base URL from global setup reaches the workers", () => {
  expect(process.env.E2E_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(test.info().project.use.baseURL).toBe(process.env.E2E_BASE_URL);
});

const homes = [
  { role: "admin", path: "/admin", heading: "Dashboard" },
  { role: "staff", path: "/board", heading: "Task board" },
  { role: "client", path: "/account", heading: "Your account" },
] as const;

for (const { role, path, heading } of homes) {
  test(`${role} signs in and lands on ${path}`, async ({ page }) => {
    const { email, password } = demo(role);
    await signIn(page, email, password);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  });
}

test("the client area shows the client's name and balance", async ({ page }) => {
  await signIn(page, demo("client").email, demo("client").password);
  await expect(page.getByRole("main").getByText("Demo Client", { exact: true })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$500.00");
});

test("a wrong password shows an error and stays on the form", async ({ page }) => {
  await signIn(page, demo("admin").email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("email or password is not right");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an anonymous visitor to /admin is sent to sign in, then back", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL("/sign-in?next=%2Fadmin");
  await page.getByLabel("Email").fill(demo("admin").email);
  await page.getByLabel("Password").fill(demo("admin").password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin");
});

test("a client is kept out of /admin and /board", async ({ page }) => {
  await signIn(page, demo("client").email, demo("client").password);
  await expect(page).toHaveURL("/account");
  for (const path of ["/admin", "/board"]) {
    await page.goto(path);
    await expect(page).toHaveURL("/account?notice=forbidden");
    await expect(page.getByRole("main").getByRole("status")).toContainText("do not have access");
  }
});

test("sign-up with a short password shows the error next to the field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill("short@example.com");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Use at least 10 characters");
  await expect(page.getByLabel("Email")).toHaveValue("short@example.com");
});

test("a visitor signs up, confirms the emailed link and lands in their new client area", async ({ page }) => {
  const email = `new-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("New Client");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a good long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  // Unverified: the right password does not open the account yet.
  await signIn(page, email, "a good long password");
  await expect(page.getByText(/Confirm your email address first/)).toBeVisible();
  await page.goto(await emailedLink(page.context().browser()!, email, "verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL("/sign-in?notice=verified");
  await signIn(page, email, "a good long password");
  await expect(page).toHaveURL("/account");
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
});
