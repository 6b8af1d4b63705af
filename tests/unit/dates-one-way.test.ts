import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { When } from "@/components/admin/table";
import { formatDateTime } from "@/components/store/labels";

describe("dates are written one way", () => {
  it("the admin's tables write a moment as the store does: 2026-12-07 14:05 UTC", () => {
    const at = new Date("2026-12-07T14:05:31Z");
    const html = renderToStaticMarkup(createElement(When, { at }));
    expect(html).toContain(">2026-12-07 14:05 UTC<");
    expect(html).toContain(formatDateTime(at));
    expect(renderToStaticMarkup(createElement(When, { at: null }))).toContain("—");
  });
});
