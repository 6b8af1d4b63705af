import { expect, test } from "./fixtures/csp";
import { join } from "node:path";
import { demoSignIns } from "../../lib/seed";
import { adminSignIn, signInAs } from "./ops-helpers";

const dir = join(import.meta.dirname, "../../docs/screenshots");
const staff = demoSignIns.find((s) => s.email === "hosting@provisio.test")!;

test("screenshots of the dashboard, Current operations and the board at 1366 px", async ({ browser }) => {
  // Both pages refresh themselves every few seconds: their contexts are closed at the end.
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const boardContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const admin = await adminContext.newPage();
    await signInAs(admin, adminSignIn, "/admin");
    await expect(admin.getByTestId("tile-failing")).toBeVisible();
    await expect(admin.locator(".recharts-surface").first()).toBeVisible();
    await admin.screenshot({ path: join(dir, "dashboard.png"), fullPage: true });
    await admin.goto("/admin/operations");
    await expect(admin.getByRole("table", { name: "Operations" }).getByRole("row").nth(1)).toBeVisible();
    await admin.screenshot({ path: join(dir, "current-operations.png"), fullPage: true });

    const board = await boardContext.newPage();
    await signInAs(board, staff, "/board");
    await expect(board.getByRole("region", { name: "New" })).toBeVisible();
    await board.screenshot({ path: join(dir, "board.png"), fullPage: true });
  } finally {
    await adminContext.close();
    await boardContext.close();
  }
});
