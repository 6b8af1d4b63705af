import { describe, expect, it } from "vitest";
import { adminLabelsIn, serviceLabel, statusWord, statusWordIn } from "../../components/admin/labels";
import { lastHandlerWarning } from "../../components/admin/last-handler-warning";

describe("admin labels", () => {
  it("words every operation, service and task status instead of showing its code", () => {
    const codes = ["queued", "running", "waiting", "done", "manual", "cancelled", "failing", "ordered", "processing", "active", "suspended", "closed", "new", "in_progress"];
    const words = codes.map(statusWord);
    expect(words).toEqual(["Queued", "Running", "Waiting for the panel", "Done", "Manual", "Cancelled", "Failing", "Ordered", "Being set up", "Active", "Suspended", "Closed", "New", "In progress"]);
    expect(statusWord("sent")).toBe("Sent");
  });

  it("names a service by its domain, else its tariff, with the panel's name underneath", () => {
    expect(serviceLabel({ id: 7, params: { domain: "shop.example" }, remoteName: "pv000002", tariffName: "Starter" })).toEqual({ name: "shop.example", panel: "pv000002" });
    expect(serviceLabel({ id: 7, params: {}, remoteName: "pv000002", tariffName: "Starter" })).toEqual({ name: "Starter", panel: "pv000002" });
    expect(serviceLabel({ id: 7, params: { hostname: "vm1" }, remoteName: "vm1", tariffName: "VPS" })).toEqual({ name: "vm1", panel: null });
    expect(serviceLabel({ id: 7, params: {}, remoteName: "", tariffName: null })).toEqual({ name: "Service #7", panel: null });
    expect(serviceLabel({ id: 7, params: { domain: "xn--e1afmkfd.xn--p1ai" }, remoteName: "xn--e1afmkfd.xn--p1ai", tariffName: "Domain" })).toEqual({ name: "пример.рф", panel: "xn--e1afmkfd.xn--p1ai" });
  });
});

describe("admin labels in the staff member's language", () => {
  it("words statuses, operations and products in Russian, and keeps English as it was", () => {
    const ru = adminLabelsIn("ru");
    expect(["active", "waiting", "in_progress", "healthy"].map((s) => statusWordIn("ru", s))).toEqual(["Активна", "Ждёт панель", "В работе", "Исправен"]);
    expect(statusWordIn("en", "waiting")).toBe(statusWord("waiting"));
    expect(statusWordIn("ru", "someday_status")).toBe("Someday status");
    expect([ru.operationKind("change_tariff"), ru.productType("vps"), ru.taskReason("escalated"), ru.suspensionReason("abuse")]).toEqual(["Смена тарифа", "Виртуальный сервер", "передана сотрудникам после ошибок", "Нарушение правил"]);
    expect(adminLabelsIn("en").noHandler(true)).toBe("No enabled processing module: sold, set up by hand");
    expect(serviceLabel({ id: 7, params: {}, remoteName: "", tariffName: null }, "ru")).toEqual({ name: "Услуга №7", panel: null });
  });
});

describe("the last-module warning in Russian", () => {
  it("agrees the verb with one tariff or several", () => {
    const tariff = (id: number, name: string, published = true, sellWithoutHandler = false) => ({ id, name, published, sellWithoutHandler });
    expect(lastHandlerWarning([tariff(1, "Pro"), tariff(2, "Starter")], "ru")).toBe("Тарифы Pro и Starter останутся без включённого модуля обработки и уйдут из магазина.");
    expect(lastHandlerWarning([tariff(3, "Draft", false)], "ru")).toBe("Скрытый тариф Draft останется без включённого модуля обработки.");
    expect(lastHandlerWarning([], "ru")).toBeNull();
  });
});
