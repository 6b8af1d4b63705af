import { expect, test } from "./fixtures/csp";
import { demoPanel, demoPorts, demoUrl } from "../../lib/demo/simulators";
import { adminSignIn, signInAs } from "./ops-helpers";

const panelUrl = () => demoUrl(demoPorts().ispmanager);

test("saving a processing module checks its connection: a wrong password needs Create anyway, the right one makes it healthy", async ({ page }) => {
  const name = `ISPmanager checked ${Date.now()}`;
  await signInAs(page, adminSignIn, "/admin");

  await test.step("the wizard refuses a failing connection until told to create it anyway", async () => {
    await page.goto("/admin/handlers/new");
    await page.getByLabel("Shared web hosting").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("ISPmanager").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Panel URL").fill(panelUrl());
    await page.getByLabel("User name").fill(demoPanel.user);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create processing module" }).click();
    await expect(page.getByRole("alert").first()).toContainText("Not saved: the connection does not work");
    await expect(page.getByTestId("save-check")).toContainText('check "User name" and "Password"');
    await page.getByRole("button", { name: "Create anyway" }).click();
    await expect(page).toHaveURL(/\/admin\/handlers\/\d+\?notice=created_failing$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("its connection does not work")).toBeVisible();
  });

  await test.step("the right password saves with the check's answer, and health follows it", async () => {
    await page.getByLabel("Password").fill(demoPanel.password);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("save-check").getByRole("status")).toContainText("OK: ISPmanager answered");
    await page.reload();
    await expect(page.getByRole("definition").filter({ hasText: /Healthy/ })).toBeVisible();
  });
});
