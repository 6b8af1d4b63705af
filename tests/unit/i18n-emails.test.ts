import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { templates, templateNames } from "@/lib/email/templates";
import { translateMessage } from "@/lib/i18n/errors";
import { countryNameIn, formatDateIn, formatMoneyIn } from "@/lib/i18n/format";
import { periodLabelIn } from "@/components/store/labels";

const hosting = { serviceId: 8, tariffName: "Start", panelUrl: "https://panel.test", login: "u8", password: "pw", domain: "example.com" };

describe("emails in the recipient's language", () => {
  it("renders the welcome email in Russian, subject included", async () => {
    const mail = await renderEmail("welcome-hosting", hosting, "ru");
    expect(mail.subject).toBe("Ваш хостинг готов: example.com");
    expect(mail.text).toContain("Услуга №8 (Start) подключена");
    expect(mail.text).toContain("Панель управления");
    expect(mail.html).toContain('lang="ru"');
    expect(mail.text).not.toContain("Your hosting");
  });

  it("keeps English for rows without a language", async () => {
    const mail = await renderEmail("welcome-hosting", hosting, null);
    expect(mail.subject).toBe("Your hosting is ready: example.com");
    expect(mail.text).toContain("Service #8 (Start) has been set up.");
  });

  it("uses Russian plural forms in emails", async () => {
    const mail = await renderEmail("sign-in-unlock", { name: "Ада", minutes: 15, url: "https://x.test/u/t" }, "ru");
    expect(mail.text).toContain("заблокирован на 15 минут");
    const two = await renderEmail("sign-in-unlock", { name: "Ада", minutes: 2, url: "https://x.test/u/t" }, "ru");
    expect(two.text).toContain("на 2 минуты");
  });

  it("words a suspension's reason and a closing's refund in the recipient's language, the admin's note as written", async () => {
    const base = { serviceId: 8, tariffName: "Start", name: "example.com" };
    const suspended = await renderEmail("service-status", { ...base, status: "suspended", reason: "Not paid. Pay the renewal.", why: { suspension: "non_payment", note: "Счёт 42 просрочен" } }, "ru");
    expect(suspended.text).toContain("Не оплачена");
    expect(suspended.text).toContain("Счёт 42 просрочен");
    expect(suspended.text).not.toContain("Not paid");
    const closed = await renderEmail("service-status", { ...base, status: "closed", why: { closing: "periodEnd" } }, "ru");
    expect(closed.text).toContain("Услуга проработала до конца оплаченного периода; деньги не возвращаются.");
    const english = await renderEmail("service-status", { ...base, status: "closed", why: { refund: { amount: 2000, currency: "USD" } } }, null);
    expect(english.text).toContain("$20.00 returned to your balance for the unused time.");
    // A row written before `why` keeps its English reason.
    expect((await renderEmail("service-status", { ...base, status: "closed", reason: "Old words." }, "ru")).text).toContain("Old words.");
  });

  it("renders every template's preview in Russian without a missing message", async () => {
    for (const name of templateNames) {
      const mail = await renderEmail(name, templates[name].component.PreviewProps as never, "ru");
      expect(mail.subject.length, name).toBeGreaterThan(3);
    }
  });
});

describe("formats by locale", () => {
  it("writes money, dates, periods and countries as each language does", () => {
    expect(formatMoneyIn("en", 123456, "USD")).toBe("$1,234.56");
    expect(formatMoneyIn("ru", 123456, "USD").replace(/\s/g, " ")).toBe("1 234,56 $");
    expect(formatMoneyIn("ru", 500, "JPY").replace(/\s/g, " ")).toBe("500 ¥");
    expect(formatDateIn("en", "2026-12-07T10:00:00Z")).toBe("2026-12-07");
    expect(formatDateIn("ru", "2026-12-07T10:00:00Z")).toBe("07.12.2026");
    expect([1, 3, 5, 12, 24].map((m) => periodLabelIn("ru", m))).toEqual(["1 месяц", "3 месяца", "5 месяцев", "1 год", "2 года"]);
    expect([1, 12, 24].map((m) => periodLabelIn("en", m))).toEqual(["1 month", "1 year", "2 years"]);
    expect(countryNameIn("ru", "DE")).toBe("Германия");
    expect(countryNameIn("en", "DE")).toBe("Germany");
  });

  it("gives the services' English messages in Russian, with their numbers", () => {
    expect(translateMessage("Enter at least 2 characters", "ru")).toBe("Введите не менее 2 символов");
    expect(translateMessage("This field is required", "ru")).toBe("Заполните это поле");
    expect(translateMessage("Something nobody wrote words for", "ru")).toBe("Something nobody wrote words for");
    expect(translateMessage("Enter at least 2 characters", "en")).toBe("Enter at least 2 characters");
  });
});

describe("API errors in the caller's language", () => {
  const body = JSON.stringify({ error: { code: "validation", message: "Some fields are not valid", details: { fields: { name: ["Enter at least 2 characters"] } } } });

  it("translates the messages for Accept-Language ru and keeps the codes", async () => {
    const { errorTextIn } = await import("@/lib/api/error-language");
    const ru = JSON.parse(errorTextIn("ru-RU,ru;q=0.9", 400, body)) as { error: { code: string; details: { fields: { name: string[] } } } };
    expect(ru.error.code).toBe("validation");
    expect(ru.error.details.fields.name).toEqual(["Введите не менее 2 символов"]);
    expect(errorTextIn("en-US", 400, body)).toBe(body);
    expect(errorTextIn(null, 400, body)).toBe(body);
    expect(errorTextIn("ru", 200, '{"ok":true}')).toBe('{"ok":true}');
  });
});
