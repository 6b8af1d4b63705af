import { createHmac } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { demoSignIns } from "../../lib/seed";
import { adminSignIn } from "./ops-helpers";

const demoClient = demoSignIns.find((s) => s.role === "client")!;

/** What the payment gateway would send for a top-up: the raw body signed with HMAC-SHA256 over "<t>.<body>". */
async function topUp(clientId: number, amount: number) {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference: `gw-lang-${Date.now()}`, clientId, amount, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", process.env.E2E_PAYMENT_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(res.status).toBe(200);
}

/** The verification link last emailed to an address, read by an admin (in English) from the Mail log with the audited "Show secrets". */
async function verificationLink(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "en-US" });
  try {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(adminSignIn.email);
    await page.getByLabel("Password").fill(adminSignIn.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/admin");
    await page.goto(`/admin/mail?to=${encodeURIComponent(to)}`);
    const row = page.getByRole("row").filter({ hasText: to }).first();
    // The verification email itself is in the client's language.
    await expect(row).toContainText("Подтвердите адрес электронной почты");
    await row.getByRole("link").first().click();
    await page.getByRole("button", { name: /Show secrets/ }).click();
    const text = (await page.getByTestId("revealed-email").textContent()) ?? "";
    const match = /https?:\/\/[^\s]+\/verify-email\/[A-Za-z0-9_-]{43}/.exec(text);
    expect(match, `a verification link in the email to ${to}`).not.toBeNull();
    return new URL(match![0]).pathname;
  } finally {
    await context.close();
  }
}

/** The page never scrolls sideways: everything fits the viewport's width. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${what} fits ${inner} px without sideways scrolling`).toBeLessThanOrEqual(inner);
}

test.describe("a client whose browser asks for Russian", () => {
  test.use({ locale: "ru-RU" });

  test("signs up, orders and reads the store, the welcome email and the invoice in Russian, then switches to English", async ({ page }) => {
    const email = `anna-${Date.now()}@example.com`;
    await page.goto("/sign-up");
    await expect(page.getByRole("heading", { level: 1, name: "Регистрация" })).toBeVisible();
    await page.getByLabel("Имя").fill("Анна Петрова");
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByLabel("Пароль").fill("a good long password");
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await expect(page.getByText("Проверьте почту")).toBeVisible();
    await page.goto(await verificationLink(page.context().browser()!, email));
    await page.getByRole("button", { name: "Подтвердить почту" }).click();
    await expect(page).toHaveURL("/sign-in?notice=verified");
    await expect(page.getByText("Адрес электронной почты подтверждён")).toBeVisible();
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByLabel("Пароль").fill("a good long password");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Ваш кабинет" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    const clientId = Number(await page.getByTestId("client-id").textContent());
    await topUp(clientId, 50_00);
    await page.reload();
    await expect(page.getByTestId("balance")).toHaveText(/^50,00\s\$$/);

    // The store: Russian words, money as Russian writes it, Russian plurals for periods.
    await page.goto("/");
    await page.getByRole("region", { name: "Виртуальный хостинг" }).getByRole("link", { name: "Заказать Starter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Заказать Starter" })).toBeVisible();
    await page.getByLabel("Срок").selectOption("1");
    const domain = `anna-${Date.now()}.example.com`;
    await page.getByLabel("Домен вашего сайта").fill(domain);
    await expect(page.getByTestId("order-total")).toHaveText(/^Итого: 3,99\s\$ за 1 месяц$/);
    await page.getByRole("button", { name: "Добавить в корзину" }).click();
    await expect(page).toHaveURL("/cart");
    await expect(page.getByTestId("cart-total")).toHaveText(/^Итого: 3,99\s\$$/);
    await page.getByRole("button", { name: "Оформить заказ" }).click();
    await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);

    // The invoice in Russian, paid from the balance.
    const invoiceUrl = page.url();
    await expect(page.getByTestId("invoice-status")).toHaveText("Не оплачен");
    await page.getByRole("button", { name: /^Оплатить 3,99\s\$ с баланса$/ }).click();
    await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
    await expect(page.getByRole("heading", { level: 1, name: "Услуги" })).toBeVisible();
    await page.goto(invoiceUrl);
    await expect(page.getByTestId("invoice-status")).toContainText("Оплачен");
    await expect(page.getByRole("main")).toContainText("Итого");
    await expect(page.getByTestId("invoice-payment")).toContainText(/способ: списание с баланса, номер платежа запись в истории баланса №\d+/);

    // The welcome email, in the client's mailbox, in Russian.
    await page.getByRole("navigation", { name: "Личный кабинет" }).getByRole("link", { name: "Сообщения" }).click();
    await expect(page).toHaveURL("/account/messages");
    const welcome = page.locator("summary", { hasText: `Ваш хостинг готов: ${domain}` });
    await expect(async () => {
      await page.reload();
      await expect(welcome).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 45_000 });
    await welcome.click();
    await expect(page.getByRole("main")).toContainText("Панель управления");
    await expect(page.getByRole("main")).toContainText("Рекомендуем сменить пароль после первого входа.");

    // The switch keeps the page and remembers the choice.
    await page.goto("/account/services");
    await page.getByRole("banner").getByTestId("language-switch").selectOption("en");
    await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
    await expect(page).toHaveURL("/account/services");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("$46.01");
  });
});

test.describe("the admin in Russian at 390 px", () => {
  test.use({ locale: "ru-RU", viewport: { width: 390, height: 844 } });

  const pages = ["/admin", "/admin/operations", "/admin/handlers", "/admin/tariffs", "/admin/services", "/admin/clients", "/admin/reports", "/admin/users", "/admin/departments", "/admin/settings", "/admin/mail", "/admin/audit", "/admin/api-keys", "/admin/webhooks", "/board"];

  test("every admin page fits the phone's width without sideways scrolling", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Вход" })).toBeVisible();
    await page.getByLabel("Электронная почта").fill(adminSignIn.email);
    await page.getByLabel("Пароль").fill(adminSignIn.password);
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL("/admin");
    await expect(page.getByRole("banner")).toContainText("Администрирование");
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "ru");
      await expectNoSidewaysScroll(page, path);
    }
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Магазин" })).toBeVisible();
    await expectNoSidewaysScroll(page, "the store");
  });
});

test.describe("the store and the client area in Russian", () => {
  test.use({ locale: "ru-RU" });

  test("fit 1366 and 390 px without sideways scrolling", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Электронная почта").fill(demoClient.email);
    await page.getByLabel("Пароль").fill(demoClient.password);
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL("/account");
    await page.goto("/account/services");
    const service = page.getByRole("main").getByRole("link").filter({ hasText: /:/ }).first();
    const servicePath = (await service.count()) > 0 ? await service.getAttribute("href") : null;
    await page.goto("/account/invoices");
    const invoice = page.getByRole("main").getByRole("link", { name: /^Счёт / }).first();
    const invoicePath = (await invoice.count()) > 0 ? await invoice.getAttribute("href") : null;
    const paths = ["/", "/domains?name=пример", "/cart", "/account", "/account/services", "/account/invoices", "/account/balance", "/account/messages", "/account/profile", "/account/security"];
    for (const extra of [servicePath, invoicePath]) if (extra) paths.push(extra);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", "ru");
        await expectNoSidewaysScroll(page, `${path} at ${width} px`);
        await page.screenshot({ path: test.info().outputPath(`ru-${width}-${path.replace(/[^a-z0-9]+/gi, "_")}.png`), fullPage: true });
      }
    }
  });
});
