import { describe, expect, it } from "vitest";
import { remembered } from "@/lib/remembered";

describe("remembered", () => {
  it("works out each key once, forgets all past its bound, and keeps no answer that threw", () => {
    const asked: string[] = [];
    const upper = remembered(2, (key) => {
      asked.push(key);
      if (key === "bad") throw new Error("no");
      return key.toUpperCase();
    });
    expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
    expect(asked).toEqual(["a", "b"]);
    upper("c"); // a third key: the first two are forgotten
    upper("a");
    expect(asked).toEqual(["a", "b", "c", "a"]);
    expect(() => upper("bad")).toThrow("no");
    expect(() => upper("bad")).toThrow("no");
    expect(asked.filter((k) => k === "bad")).toHaveLength(2);
  });
});
