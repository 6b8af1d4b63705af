import { createHmac } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";
import { adminSignIn, signInAs } from "./ops-helpers";

/**
 * The money story end to end, through the pages: an admin puts the seller in Germany with German
 * VAT and makes a 20% coupon for Starter; a Dutch business with a VAT number buys Starter with it,
 * pays from its balance and gets a numbered invoice with the coupon as a line, 0% tax under the
 * reverse charge and its VAT number, emailed with the PDF; the admin refunds the service and the
 * client gets a numbered credit note for the invoice, as a PDF and by email.
 */

const vatId = "NL123456789B01";
const reverseCharge = "Reverse charge: VAT to be accounted for by the recipient, Article 196 Council Directive 2006/112/EC";

/** What the payment gateway would send for a top-up: the raw body signed with HMAC-SHA256 over "<t>.<body>". */
async function topUp(clientId: number, amount: number) {
  const body = JSON.stringify({ type: "payment.succeeded", data: { reference: `gw-money-${Date.now()}`, clientId, amount, currency: "USD" } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", process.env.E2E_PAYMENT_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex");
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/payments/webhook`, { method: "POST", headers: { "content-type": "application/json", "x-provisio-signature": `t=${t},v1=${v1}` }, body });
  expect(res.status).toBe(200);
}

/** A downloaded document: a PDF file whose title (in its information dictionary, stored as text) is `title`. */
async function expectPdf(res: APIResponse, title: string) {
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const body = await res.body();
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(body.length).toBeGreaterThan(2000);
  expect(body.toString("latin1")).toContain(`(${title})`);
}

/** The admin opens the email with this subject in the Mail log and reads the files it carries. */
async function attachedTo(admin: Page, to: string, subject: string): Promise<string> {
  await admin.goto(`/admin/mail?to=${encodeURIComponent(to)}`);
  await admin.getByRole("row").filter({ hasText: subject }).getByRole("link").first().click();
  await expect(admin).toHaveURL(/\/admin\/mail\/\d+$/);
  await expect(admin.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  return (await admin.locator("dt", { hasText: /^Attached$/ }).locator("xpath=following-sibling::dd[1]").textContent()) ?? "";
}

/** Every number of `prefix` and year in an admin CSV export, as counters. */
async function countersIn(admin: Page, list: string, prefix: string, year: string): Promise<number[]> {
  const res = await admin.request.get(`/admin/export/${list}`);
  expect(res.status()).toBe(200);
  const found = new Set([...(await res.text()).matchAll(new RegExp(`${prefix}-${year}-(\\d{6})`, "g"))].map((m) => Number(m[1])));
  return [...found].sort((a, b) => a - b);
}

test("an EU business client with a VAT id buys with a coupon, receives the PDF invoice by email and gets a credit note for a refund", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, adminSignIn, "/admin");

  // Tax: the seller is in Germany, where German VAT is 19%.
  await admin.goto("/admin/settings/tax");
  await expect(admin.getByRole("heading", { level: 1, name: "Tax" })).toBeVisible();
  const sellerCountry = admin.getByLabel("Seller's country");
  const sellerBefore = await sellerCountry.inputValue();
  try {
    await sellerCountry.selectOption("DE");
    await admin.getByRole("button", { name: "Save tax settings" }).click();
    await expect(admin.getByText("Tax settings saved")).toBeVisible();
    await admin.getByLabel("Country", { exact: true }).selectOption("DE");
    await admin.getByLabel("Tax name").fill("VAT");
    await admin.getByLabel("Rate, %").fill("19");
    await admin.getByRole("button", { name: "Save rate" }).click();
    await expect(admin.getByText("VAT 19% saved for DE")).toBeVisible();
    await admin.reload();
    await expect(admin.getByTestId("tax-rates")).toContainText("Germany (DE)");
    await expect(admin.getByText("In force: Germany.")).toBeVisible();

    // A coupon: 20% off Starter, first payment.
    const code = `EU20-${Date.now() % 1_000_000}`;
    await admin.goto("/admin/tariffs");
    await admin.getByRole("link", { name: "Coupons" }).click();
    await expect(admin).toHaveURL("/admin/coupons");
    const starterId = /(\d+) Starter(?=,|$)/.exec((await admin.getByText(/^Empty: all\. /).textContent()) ?? "")?.[1];
    expect(starterId, "Starter's id in the hint of the tariffs field").toBeTruthy();
    await admin.getByLabel("Code").fill(code);
    await admin.getByLabel("Percent off").fill("20");
    await admin.getByLabel("Tariffs (ids)").fill(starterId!);
    await admin.getByRole("button", { name: "Create coupon" }).click();
    await expect(admin.getByText(`Coupon ${code} created`)).toBeVisible();
    await expect(admin.getByTestId("coupons").getByRole("row").filter({ hasText: code })).toContainText("20% off, first payment");

    // A Dutch business signs up and gives its company, address and VAT number.
    const { email, clientId } = await signUpNewClient(page, "Maria Jansen");
    await page.goto("/account/profile");
    await page.getByLabel("Company name").fill("Jansen Webdesign B.V.");
    await page.getByLabel("Street address").fill("Keizersgracht 123");
    await page.getByLabel("City").fill("Amsterdam");
    await page.getByLabel("Postcode").fill("1015 CJ");
    await page.getByLabel("Country").selectOption("NL");
    await page.getByLabel("Tax ID").fill("nl 1234.56789 b01");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Tax ID")).toHaveValue(vatId);

    await topUp(clientId, 10_00);
    await page.goto("/account");
    await expect(page.getByTestId("balance")).toHaveText("$10.00");

    // Starter for a month, with the coupon typed in lower case in the cart.
    await page.goto("/");
    await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
    await page.getByLabel("Period").selectOption("1");
    await page.getByLabel("Your site's domain").fill(`jansen-${Date.now()}.example.com`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page).toHaveURL("/cart");
    await expect(page.getByTestId("cart-tax")).toHaveText("Tax, where it applies, is added on the invoice: it depends on your country and tax ID.");
    await page.getByLabel("Coupon code (optional)").fill(code.toLowerCase());
    // The cart shows what the coupon takes off before anything is ordered.
    await page.getByRole("button", { name: "Check the coupon" }).click();
    await expect(page.getByTestId("cart-coupon-preview")).toHaveText(`Coupon ${code} (20% off): −$0.80. Total with the coupon: $3.19.`);
    await expect(page.getByLabel("Coupon code (optional)")).toHaveValue(code.toLowerCase());
    await page.getByRole("button", { name: "Check out" }).click();
    await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
    const invoicePath = new URL(page.url()).pathname;

    // The invoice: its number, the coupon as its own line, no VAT under the reverse charge, the buyer's VAT number.
    const number = (await page.getByTestId("invoice-number").textContent()) ?? "";
    expect(number).toMatch(/^INV-\d{4}-\d{6}$/);
    const year = number.slice(4, 8);
    const invoice = page.getByRole("article", { name: `Invoice ${number}` });
    const starterLine = invoice.getByRole("row").filter({ hasText: "Starter" }).filter({ hasNotText: "Coupon" });
    await expect(starterLine).toContainText("$3.99");
    await expect(starterLine).toContainText("RC");
    const couponLine = invoice.getByRole("row").filter({ hasText: `Coupon ${code} (20% off)` });
    await expect(couponLine).toContainText("0.80");
    await expect(couponLine).toContainText("RC");
    await expect(page.getByTestId("invoice-subtotal")).toHaveText("$3.19");
    const taxLine = page.getByTestId("invoice-tax-line");
    await expect(taxLine).toHaveCount(1);
    await expect(taxLine).toContainText("VAT 0%: reverse charge on $3.19");
    await expect(taxLine).toContainText("$0.00");
    await expect(page.getByTestId("invoice-amount")).toHaveText("$3.19");
    await expect(page.getByTestId("invoice-tax-note")).toHaveText(reverseCharge);
    await expect(page.getByTestId("invoice-seller")).toContainText("Germany");
    const buyer = page.getByTestId("invoice-buyer");
    for (const text of ["Jansen Webdesign B.V.", "Maria Jansen", "Keizersgracht 123", "Amsterdam", "Netherlands", `Tax ID ${vatId}`, `client #${clientId}`]) await expect(buyer).toContainText(text);

    // Paid from the balance.
    await expect(page.getByTestId("invoice-status")).toHaveText("Unpaid");
    await page.getByRole("button", { name: "Pay $3.19 from balance" }).click();
    await expect(page).toHaveURL(/\/account\/services(\?paid=\d+)?$/);
    await page.goto(invoicePath);
    await expect(page.getByTestId("invoice-status")).toContainText("Paid");
    await expect(page.getByTestId("invoice-payment")).toContainText("$3.19");

    // Numbers have no gaps: this year's invoices are 1 to the last, ours among them.
    const invoiceCounters = await countersIn(admin, "invoices", "INV", year);
    expect(invoiceCounters).toContain(Number(number.slice(9)));
    expect(invoiceCounters).toEqual(invoiceCounters.map((_, i) => i + 1));

    // The invoice as a PDF, and the invoice email carrying it.
    await expectPdf(await page.request.get(`${invoicePath}/pdf`), `Invoice ${number}`);
    expect(await attachedTo(admin, email, `Invoice ${number}: $3.19`)).toBe(`invoice-${number}.pdf`);

    // The admin refunds all that was paid for the service, to the balance.
    await admin.goto(`/admin/services?clientId=${clientId}`);
    await admin.getByRole("row").filter({ hasText: "Starter" }).getByRole("link", { name: /^#\d+$/ }).click();
    await expect(admin).toHaveURL(/\/admin\/services\/\d+$/);
    const refundButton = admin.getByRole("button", { name: "Refund", exact: true });
    await expect(async () => {
      await admin.reload();
      await expect(refundButton).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    await expect(admin.getByTestId("way-out")).toContainText("Paid $3.19, refunded $0.00.");
    await admin.getByLabel("How much").selectOption("full");
    await admin.getByLabel("Reason (shown in the client's balance history)").fill("The client changed its plans");
    await refundButton.click();
    // Nothing is left to refund, so the form gives way to the sums; the history says where the money went.
    await expect(admin.getByText("Nothing paid for this service is left to refund ($3.19 paid, $3.19 refunded).")).toBeVisible();
    await expect(admin.getByRole("cell", { name: "Refunded: $3.19 returned to your balance" })).toBeVisible();

    // The client sees a credit note for the invoice, downloads it and is emailed it.
    await page.goto(invoicePath);
    const notes = page.getByTestId("credit-notes");
    await expect(notes).toContainText("Refund");
    await expect(notes).toContainText("$3.19");
    const noteLink = notes.getByRole("link", { name: /^Credit note CN-\d{4}-\d{6}$/ });
    const creditNote = ((await noteLink.textContent()) ?? "").replace("Credit note ", "");
    const notePdf = (await noteLink.getAttribute("href")) ?? "";
    expect(notePdf).toMatch(/^\/account\/credit-notes\/\d+\/pdf$/);
    await expectPdf(await page.request.get(notePdf), `Credit note ${creditNote}`);
    await page.goto("/account/invoices");
    await expect(page.getByTestId("credit-notes").getByRole("listitem").filter({ hasText: creditNote })).toContainText(`invoice ${number}`);
    expect(await countersIn(admin, "credit-notes", "CN", creditNote.slice(3, 7))).toContain(Number(creditNote.slice(8)));
    expect(await attachedTo(admin, email, `Credit note ${creditNote} for invoice ${number}`)).toBe(`credit-note-${creditNote}.pdf`);
    await page.goto("/account");
    await expect(page.getByTestId("balance")).toHaveText("$10.00");
  } finally {
    // Later stories price their orders without tax: the seller and the rate go back as they were.
    await admin.goto("/admin/settings/tax");
    const remove = admin.getByRole("button", { name: "Remove DE", exact: true });
    if (await remove.isVisible()) {
      await remove.click();
      // The form goes with its row, so the rate's absence is the answer.
      await expect(remove).toHaveCount(0);
    }
    await admin.getByLabel("Seller's country").selectOption(sellerBefore);
    await admin.getByRole("button", { name: "Save tax settings" }).click();
    await expect(admin.getByText("Tax settings saved")).toBeVisible();
    await admin.context().close();
  }
});
