import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { createElement, type ReactElement } from "react";
import { ServiceWayOut } from "@/components/admin/service-way-out";
import { ClientMoney } from "@/components/admin/client-money";

const render = (locale: "en" | "ru", children: ReactElement) => renderIn(locale, children);

const act = async () => ({});
const refund = { currency: "USD", paid: 999, refunded: 0, left: 999, unused: 500, card: false };
const wayOut = (status: string) =>
  createElement(ServiceWayOut, { service: { id: 5, status, operations: [{ id: 9, kind: "open", status: "queued" }] }, refund, actions: { cancelSetup: act, retrySetup: act, refund: act, switchToManual: act } });
const money = createElement(ClientMoney, {
  client: { id: 3, currency: "USD" },
  invoices: [{ id: 1, number: "INV-1", dueAt: null, kind: "renewal", status: "unpaid", amount: 500, currency: "USD", description: "Starter", createdAt: new Date(0), paidAt: null }],
  orders: [],
  actions: { moveBalance: act, invoice: act },
});

describe("the admin's service and client forms in the staff member's language", () => {
  it("keep their English words", () => {
    expect(render("en", wayOut("processing"))).toContain("Cancel the set-up and refund $9.99");
    expect(render("en", wayOut("active"))).toContain("Paid $9.99, refunded $0.00. Unused time of the paid period: $5.00.");
    expect(render("en", money)).toContain("Refund or debit the balance");
  });

  it("read in Russian, with money as Russian writes it and no English left", () => {
    const setup = render("ru", wayOut("processing"));
    expect(setup).toContain("Подключение в очереди");
    expect(setup).toContain("Отменить подключение и вернуть 9,99");
    const paid = render("ru", wayOut("active"));
    expect(paid).toContain("Оплачено 9,99");
    const html = render("ru", money);
    expect(html).toContain("Вернуть на баланс или списать с него");
    expect(html).toContain("Продление");
    for (const text of [setup, paid, html]) expect(text.replace(/<[^>]+>/g, " ")).not.toMatch(/\b(Refund|Reason|Apply|Invoice|Paid|Cancel|balance)\b/);
  });

  it("give each form its own field ids when the submit label has no Latin letters", () => {
    const ids = [...render("ru", money).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
