import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";

const base = () => process.env.E2E_BASE_URL!;

test("pages carry a nonce-based CSP and the other security headers, and no X-Powered-By", async ({ page }) => {
  const response = (await page.goto("/sign-in"))!;
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
  // Plain HTTP here: no HSTS; behind an HTTPS proxy there is.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const https = await fetch(`${base()}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers.get("strict-transport-security")).toContain("max-age=");
  // Next.js's own scripts carry this request's nonce; a second request gets another one.
  const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  const again = await fetch(`${base()}/sign-in`);
  expect(again.headers.get("content-security-policy")).not.toContain(nonce!);
  // Static files and API answers carry the plain headers too.
  const api = await fetch(`${base()}/api/v1/ping`);
  expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  expect(api.headers.get("x-powered-by")).toBeNull();
});

test("the admin cannot be framed", async ({ page }) => {
  const admin = demoSignIns.find((s) => s.role === "admin")!;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin");
  const response = await fetch(`${base()}/admin`, { redirect: "manual" });
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect((await page.request.get("/admin")).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("/api/v1 answers a wrong method with a JSON 405", async () => {
  const r = await fetch(`${base()}/api/v1/services`, { method: "DELETE" });
  expect(r.status).toBe(405);
  expect(r.headers.get("allow")).toBe("GET");
  expect(await r.json()).toMatchObject({ error: { code: "method_not_allowed" } });
});

test.describe("the CSP listener", () => {
  test.use({ cspViolationsExpected: true });
  test("catches inline script the page did not sign with its nonce, which does not run", async ({ page, cspViolations }) => {
    await page.goto("/sign-in");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">'));
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations.join("\n")).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});

test("a signed-out session token no longer opens the account", async ({ page, browser }) => {
  const client = demoSignIns.find((s) => s.role === "client")!;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(client.email);
  await page.getByLabel("Password").fill(client.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/account");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/");
  const replay = await browser.newContext({ baseURL: base() });
  await replay.addCookies(cookies);
  const other = await replay.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in\?next=%2Faccount/);
  const session = await other.request.get("/api/auth/session");
  expect(await session.json()).toBeNull();
  await replay.close();
});

const bad = ["99999999999", "-1", "abc"];

async function signInAs(p: Page, role: "admin" | "client") {
  const who = demoSignIns.find((s) => s.role === role)!;
  await p.goto("/sign-in");
  await p.getByLabel("Email").fill(who.email);
  await p.getByLabel("Password").fill(who.password);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p).toHaveURL(role === "admin" ? "/admin" : "/account");
}

test("admin and board pages answer out-of-range and malformed ids and filters without a server error", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  const urls = bad.flatMap((id) => [
    ...["clients", "services", "mail", "tariffs", "handlers", "operations"].map((area) => `/admin/${area}/${id}`),
    `/board/tasks/${id}`,
    `/admin/clients?cursor=${id}`,
    `/admin/operations?clientId=${id}&handlerId=${id}`,
    `/admin/services?clientId=${id}`,
    `/admin/mail?cursor=${id}`,
  ]);
  urls.push(`/admin/clients?q=${"x".repeat(150)}`);
  urls.push("/admin/clients?q=%00", "/admin/mail?to=a%00b", "/admin/audit?entityId=1%00", "/admin/operations?to=9999-12-31", "/admin/operations?from=2026-02-30");
  for (const url of urls) expect((await page.goto(url))!.status(), url).toBeLessThan(500);
});

test("client lists answer a cursor beyond the id column with the newest page and a notice", async ({ page }) => {
  await signInAs(page, "client");
  for (const list of ["invoices", "balance", "services"]) {
    expect((await page.goto(`/account/${list}?cursor=2147483648`))!.status(), list).toBe(200);
    await expect(page.getByText("This page link is not valid")).toBeVisible();
  }
});

test("client pages answer out-of-range and malformed ids with the 404 page", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "client");
  for (const url of bad.flatMap((id) => [`/account/services/${id}`, `/account/invoices/${id}`, `/order/${id}`])) {
    expect((await page.goto(url))!.status(), url).toBe(404);
  }
});

test("/api/health shows its details to an admin's session only; others get ok / not ok", async ({ page, request }) => {
  const anonymous = await request.get("/api/health");
  expect(Object.keys(await anonymous.json())).toEqual(["ok"]);
  await signInAs(page, "client");
  expect(Object.keys(await (await page.request.get("/api/health")).json())).toEqual(["ok"]);
  await page.context().clearCookies();
  await signInAs(page, "admin");
  const details = await (await page.request.get("/api/health")).json();
  expect(details).toMatchObject({ ok: true, processing: { runners: expect.any(Array) } });
});
