import { describe, expect, it } from "vitest";
import { checkAdvice } from "@/lib/modules/check-advice";
import { modules } from "@/lib/modules/registry";

const panels = Object.values(modules).filter((m) => m.connectionFields.length > 0);

describe("what a failed connection check points at", () => {
  it("names the sign-in fields of every module for a refused login, and only those", () => {
    for (const m of panels) {
      const advice = checkAdvice("auth", m.connectionFields);
      const secret = m.connectionFields.filter((f) => f.secret).map((f) => f.key);
      expect(advice.fields, m.kind).toEqual(expect.arrayContaining(secret));
      expect(advice.fields.some((k) => /url|host|nameservers|timeout/i.test(k)), m.kind).toBe(false);
      for (const key of advice.fields) expect(advice.message, m.kind).toContain(m.connectionFields.find((f) => f.key === key)!.label);
    }
  });

  it("points at the address when nothing answers, never at the default name servers", () => {
    expect(checkAdvice("network", modules.epp!.connectionFields).fields).toEqual(["host", "port"]);
    expect(checkAdvice("network", modules.webnames!.connectionFields).fields).toEqual(["url"]);
    expect(checkAdvice("timeout", modules.ispmanager!.connectionFields).fields).toEqual(["url", "timeoutMs"]);
  });

  it("speaks without codes, and marks nothing when the panel itself is at fault", () => {
    for (const code of ["http_500", "http_503", "busy", "rate_limited", "unexpected", null]) {
      const advice = checkAdvice(code, modules.ispmanager!.connectionFields);
      expect(advice.fields, String(code)).toEqual([]);
      expect(advice.message).not.toMatch(/http_|_/);
    }
  });
});
