import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { createElement, type ReactElement } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { TaskDetail } from "@/lib/services/tasks/get";
import { TaskSummary } from "@/components/board/task-summary";
import { CloseTaskForm } from "@/components/board/close-task-form";

/** What a staff member reads of a component, in a language. */
function text(locale: Locale, children: ReactElement): string {
  return renderIn(locale, children)
    .replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

const task = {
  service: { id: 12, status: "processing", productType: "dedicated", remoteName: "pv000012", months: 3, expiresAt: new Date("2027-01-05T00:00:00Z"), params: {}, details: {} },
  tariff: { name: "Metal S", template: null },
  handler: { id: 1, name: "Rack A", module: "manual", dataCenter: "Frankfurt", enabled: false },
  client: { id: 3, name: "Иван Петров", email: "ivan@example.test", company: null, phone: null, country: "DE", city: "Berlin", address: "Str. 1" },
  formFields: [{ key: "ip", label: "IP address", required: true, kind: "ip" }],
} as unknown as TaskDetail;

const action = async () => ({});

describe("a task's page in the staff member's language", () => {
  it("the service summary speaks Russian: labels, status, product, period, module, country", () => {
    const ru = text("ru", createElement(TaskSummary, { task }));
    for (const words of ["Услуга Metal S (№12)", "Состояние Подключается", "Продукт Выделенный сервер", "Период 3 месяца", "Rack A (Manual", "отключён", "Дата-центр Frankfurt", "Адрес Str. 1, Berlin, Германия"]) {
      expect(ru).toContain(words);
    }
    expect(ru).not.toMatch(/Service|Status|Product|Period|months|disabled|Germany/);
    const en = text("en", createElement(TaskSummary, { task }));
    for (const words of ["Service Metal S (#12)", "Status Being set up", "Product Dedicated server", "Period 3 months", "disabled", "Address Str. 1, Berlin, Germany"]) expect(en).toContain(words);
  });

  it("the close form words its fields, note and button in Russian for every kind of work", () => {
    const ru = text("ru", createElement(CloseTaskForm, { action, taskId: 5, kind: "open", fields: task.formFields }));
    for (const words of ["Для клиента", "IP address (обязательно)", "Внутренняя заметка", "Закрыть задачу: услуга настроена"]) expect(ru).toContain(words);
    expect(ru).not.toMatch(/Close task|Internal note|required/);
    expect(text("ru", createElement(CloseTaskForm, { action, taskId: 5, kind: "manage", fields: [] }))).toContain("Закрыть задачу: домен изменён");
    expect(text("en", createElement(CloseTaskForm, { action, taskId: 5, kind: "suspend", fields: [] }))).toContain("Close task: service is suspended");
  });
});
