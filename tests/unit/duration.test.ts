import { describe, expect, it } from "vitest";
import { duration } from "../../components/admin/duration";

describe("dashboard setup time", () => {
  it("shows sub-second and few-second times instead of rounding them to 0 s", () => {
    expect([0, 0.05, 0.35, 0.999, 1.25, 9.94].map(duration)).toEqual(["0 s", "50 ms", "350 ms", "999 ms", "1.3 s", "9.9 s"]);
  });
  it("keeps seconds, minutes and hours for longer times", () => {
    expect([42, 185, 720, 5400].map(duration)).toEqual(["42 s", "3 min 05 s", "12 min", "1.5 h"]);
  });
});
