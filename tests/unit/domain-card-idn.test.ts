import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import messages from "@/messages/en.json";
import { DomainCard } from "@/components/store/domain-card";
import type { DomainSettings } from "@/lib/services/domains/settings";

const settings: DomainSettings = {
  offered: [], nameservers: [], waitingNameservers: [], locked: null, change: null,
  registryStatus: "in its redemption period", transfer: { until: null, status: "waiting" },
};
const card = (domain: string) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: "en",
      messages,
      children: createElement(DomainCard, {
        serviceId: 1, domain, settings, live: false, formatDate: () => "",
        change: async () => ({}), reveal: async () => ({ error: "" }) as never,
      }),
    }),
  );

describe("the domain card (client's and admin's service page) names an IDN as people write it", () => {
  it("decodes punycode in the registry's words and the transfer notice; a plain name stays as it is", () => {
    const html = card("xn--e1afmkfd.xn--p1ai");
    expect(html).toContain("At the registry, пример.рф is in its redemption period.");
    expect(html).toContain("The transfer of пример.рф is waiting");
    expect(html).not.toContain("xn--");
    expect(card("example.com")).toContain("At the registry, example.com is");
  });
});
