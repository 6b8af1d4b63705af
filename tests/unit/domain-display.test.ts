import { domainToASCII, domainToUnicode } from "node:url";
import { describe, expect, it } from "vitest";
import { displayDomain } from "@/lib/domain-display";

describe("displayDomain: punycode as people write it", () => {
  it("decodes IDN labels and leaves ASCII ones", () => {
    expect(displayDomain("xn----8sbnliotidln.xn--p1ai")).toBe(domainToUnicode("xn----8sbnliotidln.xn--p1ai"));
    expect(displayDomain("xn--e1afmkfd.xn--p1ai")).toBe("пример.рф");
    expect(displayDomain("shop.example.com")).toBe("shop.example.com");
    expect(displayDomain(null)).toBe("");
  });

  it("agrees with node:url on names in several scripts, and keeps labels that are not punycode", () => {
    for (const name of ["bücher.de", "例え.テスト", "مثال.إختبار", "παράδειγμα.δοκιμή", "münchen-straße.com", "😀.ws", "a-b.xn--p1ai"]) {
      const ascii = domainToASCII(name);
      expect(displayDomain(ascii)).toBe(domainToUnicode(ascii));
    }
    expect(displayDomain("xn--!!.com")).toBe("xn--!!.com");
  });
});

describe("IDN domains where people read them", () => {
  it("emails name the domain in Unicode, with the punycode kept for DNS records", async () => {
    const { renderEmail } = await import("@/lib/email/render");
    const domain = await renderEmail("welcome-domain", { serviceId: 7, domain: "xn--e1afmkfd.xn--p1ai", expiresAt: "2027-12-07", nameservers: [] });
    expect(domain.subject).toBe("Domain пример.рф is registered");
    expect(domain.text).toContain("пример.рф");
    expect(domain.text).toContain("xn--e1afmkfd.xn--p1ai");
    const hosting = await renderEmail("welcome-hosting", { serviceId: 8, tariffName: "Start", panelUrl: "https://panel.test", login: "u8", password: "pw", domain: "xn--e1afmkfd.xn--p1ai" });
    expect(hosting.subject).toBe("Your hosting is ready: пример.рф");
  });

  it("service lists name the domain in Unicode", async () => {
    const { serviceName } = await import("@/components/store/service-list");
    expect(serviceName({ id: 3, tariffName: ".рф domain", params: { domain: "xn--e1afmkfd.xn--p1ai" } })).toBe(".рф domain: пример.рф");
  });
});
