import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { createElement } from "react";
import { OperationState } from "@/components/admin/operation-state";
import { operationState } from "@/lib/services/operations/state";

const at = new Date("2026-12-07T14:05:00Z");
const failing = { status: "queued" as const, attempts: 1, lastError: "panel said no\nmore", runAt: at };
const render = (locale: "en" | "ru", now: Date) =>
  renderIn(locale, createElement(OperationState, { view: operationState(failing, 3, now) }));

describe("a failing operation's attempt and next try, in the staff member's language", () => {
  it("says the attempt, of how many, and the next try as near seconds or a clock time, in English and Russian", () => {
    expect(render("en", new Date(at.getTime() - 12_000))).toContain("attempt 1 of 3 failed, next try in 12 s");
    expect(render("en", new Date(at.getTime() - 3_600_000))).toContain("attempt 1 of 3 failed, next try 14:05 UTC");
    expect(render("ru", new Date(at.getTime() - 12_000))).toContain("попытка 1 из 3 не удалась, следующая через 12 с");
    const later = render("ru", new Date(at.getTime() - 3_600_000));
    expect(later).toContain("следующая в 14:05 UTC");
    expect(later).not.toContain("attempt");
    expect(render("ru", new Date(at.getTime() + 1000))).toContain("следующая сейчас");
  });
});
