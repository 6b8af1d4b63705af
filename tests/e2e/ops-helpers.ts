import { expect, type Locator, type Page } from "@playwright/test";
import { demoSignIns } from "../../lib/seed";

export const adminSignIn = demoSignIns.find((s) => s.role === "admin")!;

export async function signInAs(page: Page, who: { email: string; password: string }, home: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(home);
}

/** Fails unless the element lies wholly inside the viewport's width (nothing cut off or scrolled away sideways). */
export async function expectInsideViewport(page: Page, locator: Locator, what: string) {
  const width = page.viewportSize()!.width;
  const box = await locator.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.x, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends inside the ${width} px viewport`).toBeLessThanOrEqual(width);
}

/** Fails when the page itself scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "the page does not scroll sideways").toBeLessThanOrEqual(client);
}
