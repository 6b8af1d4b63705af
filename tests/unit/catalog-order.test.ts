import { describe, expect, it } from "vitest";
import { byPrice, monthlyFrom } from "@/components/store/catalog-order";

describe("the store lists plans by price", () => {
  it("cheapest a month first, at each plan's cheapest period; ties by name", () => {
    const plans = [
      { name: "Business", prices: [{ months: 1, price: 899 }] },
      { name: "Starter", prices: [{ months: 1, price: 399 }, { months: 12, price: 3990 }] },
      { name: "Advanced", prices: [{ months: 1, price: 699 }] },
      { name: "Annual only", prices: [{ months: 12, price: 3600 }] },
      { name: "Also 300", prices: [{ months: 1, price: 300 }] },
    ];
    expect(monthlyFrom(plans[1]!)).toBeCloseTo(332.5);
    expect(byPrice(plans).map((p) => p.name)).toEqual(["Also 300", "Annual only", "Starter", "Advanced", "Business"]);
    expect(plans[0]!.name).toBe("Business");
  });
});
