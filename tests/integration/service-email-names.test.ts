import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { serviceEmail, type ServiceForEmail } from "@/lib/email/service-emails";
import { remoteNameFor } from "@/lib/billing/password";

/** A VM whose order gave no host name: the panel named it after the service (pv000042), and a module reported that back. */
const vm: ServiceForEmail = {
  id: 42,
  productType: "vps",
  tariffName: "VPS Small",
  details: { ip: "203.0.113.9", hostname: "pv000042", domain: "PV000042" },
  secrets: { rootPassword: "Root-Pass-42" },
  params: {},
  expiresAt: new Date("2027-03-01T00:00:00Z"),
};

describe("the client's emails name a service by its domain, host name or tariff and number, never by its internal name", () => {
  it("leaves the internal name out of every service email, subject and body", async () => {
    expect(remoteNameFor("vps", 42)).toBe("pv000042");
    const dedicated = { ...vm, productType: "dedicated" as const, secrets: {}, details: { ip: "198.51.100.4", hostname: "pv000042", name: "pv000042" } };
    const mails = [
      serviceEmail("welcome", vm),
      serviceEmail("welcome", dedicated),
      ...(["suspended", "resumed", "closed", "renewed", "expiring", "renewal-failed"] as const).map((e) => serviceEmail(e, vm, { reason: "Because." })),
    ];
    for (const mail of mails) {
      const { subject, html, text } = await renderEmail(mail.template, mail.props as never);
      for (const part of [subject, html, text]) expect(part.toLowerCase()).not.toContain("pv000042");
    }
    expect(serviceEmail("welcome", vm)).toMatchObject({ template: "welcome-vps", props: { serviceId: 42, tariffName: "VPS Small", ip: "203.0.113.9" } });
    const closed = serviceEmail("closed", vm);
    expect(closed.props).not.toHaveProperty("name");
    const { subject } = await renderEmail(closed.template, closed.props as never);
    expect(subject).toContain("VPS Small (#42)");
  });

  it("keeps a host name or domain the client chose, and a domain's own name", async () => {
    expect(serviceEmail("suspended", { ...vm, params: { hostname: "web1.example.com" } }).props).toMatchObject({ name: "web1.example.com" });
    expect(serviceEmail("welcome", { ...vm, params: { hostname: "web1.example.com" } }).props).toMatchObject({ hostname: "web1.example.com" });
    const domain = { ...vm, productType: "domain" as const, details: {}, params: { domain: "shop.test" } };
    expect(serviceEmail("renewed", domain).props).toMatchObject({ name: "shop.test" });
  });
});
