import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

describe("add-on prices name their unit", () => {
  const tEn = createTranslator({ locale: "en", messages: en });
  const tRu = createTranslator({ locale: "ru", messages: ru });

  it("reads per GiB, not per unit, when the resource has a unit", () => {
    expect(tEn("common.perUnitMonth", { max: 460, unit: "GiB", price: "$0.05" })).toBe("up to +460 GiB at $0.05 per GiB a month");
    expect(tEn("store.form.addonHint", { amount: "40 GiB", max: 460, unit: "GiB", price: "$0.05" })).toBe("40 GiB included; add 0 to 460 GiB at $0.05 per GiB a month.");
    expect(tRu("common.perUnitMonth", { max: 6, unit: "vCPU", price: "3,00 $" })).toBe("до +6 vCPU по 3,00 $ за 1 vCPU в месяц");
  });

  it("falls back to per unit for a resource counted without one", () => {
    expect(tEn("common.perUnitMonth", { max: 5, unit: "none", price: "$1.00" })).toBe("up to +5 at $1.00 per unit a month");
    expect(tRu("common.perUnitMonth", { max: 5, unit: "none", price: "1,00 $" })).toBe("до +5 по 1,00 $ за единицу в месяц");
  });
});
