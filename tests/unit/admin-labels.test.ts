import { describe, expect, it } from "vitest";
import { serviceLabel, statusWord } from "../../components/admin/labels";

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
