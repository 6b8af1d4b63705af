import { describe, expect, it } from "vitest";
import { renderIn } from "../helpers/render";
import { createElement } from "react";
import { DomainCard } from "@/components/store/domain-card";
import type { DomainSettings } from "@/lib/services/domains/settings";

const waiting: DomainSettings = {
  offered: [], nameservers: [], waitingNameservers: [], locked: null, change: null,
  registryStatuses: [], registryStatus: "in its redemption period", transfer: { until: null, status: "waiting" },
};
const live: DomainSettings = {
  offered: ["nameservers", "lock", "authcode", "contact"], nameservers: ["ns1.host.test"], waitingNameservers: [], locked: true,
  change: { action: "lock", status: "running", error: null }, registryStatuses: [], registryStatus: "", transfer: null,
};
const card = (domain: string, settings = waiting, locale: "en" | "ru" = "en") =>
  renderIn(
    locale,
    createElement(DomainCard, {
      serviceId: 1, domain, settings, live: settings === live, formatDate: () => "",
      change: async () => ({}), reveal: async () => ({ error: "" }) as never,
    }),
  ).replace(/&#x27;/g, "'");

describe("the domain card (client's and admin's service page) names an IDN as people write it, in the reader's language", () => {
  it("decodes punycode in the registry's words and the transfer notice; a plain name stays as it is", () => {
    const html = card("xn--e1afmkfd.xn--p1ai");
    expect(html).toContain("At the registry, пример.рф is in its redemption period.");
    expect(html).toContain("The transfer of пример.рф is waiting");
    expect(html).not.toContain("xn--");
    expect(card("example.com")).toContain("At the registry, example.com is");
    expect(card("xn--e1afmkfd.xn--p1ai", waiting, "ru")).toContain("Перенос пример.рф ждёт ответа текущего регистратора.");
  });

  it("the settings (name servers, lock, auth code, owner) and a change in progress read from the catalog in English and Russian", () => {
    const html = card("xn--e1afmkfd.xn--p1ai", live);
    for (const words of ["Domain settings", "ns1.пример.рф 192.0.2.1", "Transfer lock: on", "Turn the lock off", "Show the auth code", "Send my profile again", "Changing the transfer lock at the registry…"]) expect(html).toContain(words);
    const russian = card("xn--e1afmkfd.xn--p1ai", live, "ru");
    for (const words of ["Настройки домена", "Защита от переноса: включена", "Выключить защиту", "Показать код авторизации", "Изменяем в реестре: защита от переноса…"]) expect(russian).toContain(words);
    expect(russian).not.toMatch(/Transfer lock|Name servers|Auth code/);
  });

  it("words the registry's status codes in the reader's language, the most serious first", () => {
    const held: DomainSettings = { ...waiting, transfer: null, registryStatuses: ["redemptionPeriod", "serverTransferProhibited"], registryStatus: "" };
    expect(card("example.com", held)).toContain("expired and in its redemption period");
    const russian = card("example.com", held, "ru");
    expect(russian).toContain("срок истёк, идёт период восстановления");
    expect(russian).toContain("перенос запрещён реестром");
    expect(russian).not.toContain("redemption");
  });
});
