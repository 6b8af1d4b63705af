import { describe, expect, it } from "vitest";
import { localPath, localPathOf } from "@/lib/local-path";

describe("local paths for next and callbackUrl", () => {
  it.each([
    ["/account/profile", "/account/profile"],
    ["/cart?step=2#pay", "/cart?step=2#pay"],
    ["/account/services/12", "/account/services/12"],
    ["/search?q=a%20b", "/search?q=a%20b"],
  ])("keeps %s", (value, expected) => {
    expect(localPath(value)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d/evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%252F%252Fevil.example",
    "/account%0D%0ASet-Cookie:%20a=b",
    "/account\r\nLocation: https://evil.example",
    "javascript:alert(1)",
    "/javascript:alert(1)//%0a",
    "https://evil.example",
    "http:/evil.example",
    "evil.example",
    " /account",
    "",
  ])("refuses %j", (value) => {
    expect(localPath(value)).toBeUndefined();
  });

  it("refuses anything but a string, and takes the first of repeated values", () => {
    expect(localPath(undefined)).toBeUndefined();
    expect(localPath(null)).toBeUndefined();
    expect(localPath(["//evil.example", "/account"])).toBeUndefined();
    expect(localPath(["/account", "//evil.example"])).toBe("/account");
  });

  it("an absolute address is kept only on this site's own origin, as its path", () => {
    expect(localPathOf("https://billing.example/admin?x=1", "https://billing.example")).toBe("/admin?x=1");
    expect(localPathOf("https://evil.example/admin", "https://billing.example")).toBeUndefined();
    expect(localPathOf("https://billing.example//evil.example", "https://billing.example")).toBeUndefined();
    expect(localPathOf("/%09/evil.example", "https://billing.example")).toBeUndefined();
    expect(localPathOf("/board", "https://billing.example")).toBe("/board");
  });
});
