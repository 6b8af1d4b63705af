import { expect, test } from "./fixtures/csp";
import { signUpNewClient } from "./fixtures/sign-up";

test("a client's invoice shows its number and due date, and downloads as a PDF that only its client gets", async ({ page, browser }) => {
  await signUpNewClient(page, "Numbered Invoice");
  await page.goto("/");
  await page.getByRole("region", { name: "Web hosting" }).getByRole("link", { name: "Order Starter" }).click();
  await page.getByLabel("Period").selectOption("1");
  await page.getByLabel("Your site's domain").fill(`numbered-${Date.now()}.example.com`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/account\/invoices\/\d+$/);
  await expect(page.getByTestId("invoice-number")).toHaveText(/^INV-\d{4}-\d{6}$/);
  await expect(page.getByRole("main")).toContainText("Due");
  await expect(page.getByTestId("invoice-buyer")).toContainText("Numbered Invoice");
  await expect(page.getByTestId("invoice-subtotal")).toHaveText(/\d/);
  await expect(page.getByRole("main")).toContainText("Service period");

  const pdfUrl = `${page.url()}/pdf`;
  const pdf = await page.request.get(pdfUrl);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  // The standalone server found the embedded typeface (not the Latin-1-only Helvetica).
  expect(body.toString("latin1")).toContain("DejaVuSans");
  expect(body.toString("latin1")).not.toContain("/Helvetica");

  // Someone else, signed in or not, does not get it.
  const other = await browser.newPage();
  await signUpNewClient(other, "Other Client");
  expect((await other.request.get(pdfUrl)).status()).toBe(404);
  await other.close();
});
