import type { Locale } from "../i18n/locales";
import { localeOr, translatorFor, type Translator } from "../i18n/translator";
import { displayDomain } from "../domain-display";
import { emailSubject, type TemplateName, type TemplateProps } from "./templates";
import { accountLinkTitle } from "./templates/account-link";
import { serviceStatusTitle } from "./templates/service-status";
import { signInUnlockTitleIn } from "./templates/sign-in-unlock";
import { taskDigestTitle } from "./templates/task-digest";
import { taskNoticeTitle } from "./templates/task-notice";
import { creditNoteTitle } from "./templates/credit-note";
import { invoiceIssuedTitle } from "./templates/invoice-issued";
import { invoiceReminderTitle } from "./templates/invoice-reminder";
import { orderConfirmationTitle } from "./templates/order-confirmation";
import { paymentReceiptTitle } from "./templates/payment-receipt";

type Subjects = { [K in TemplateName]?: (props: TemplateProps[K], t: Translator) => string };

/** Subjects from the message catalog; a template not listed here keeps its own (English) subject. */
const subjects: Subjects = {
  "welcome-hosting": (p, t) => t("emails.welcomeHosting.subject", { name: displayDomain(p.domain) || p.tariffName }),
  "welcome-vps": (p, t) => t("emails.welcomeVps.subject", { name: p.hostname || p.ip }),
  "welcome-domain": (p, t) => t("emails.welcomeDomain.title", { name: displayDomain(p.domain) }),
  "welcome-other": (p, t) => t("emails.welcomeOther.subject", { tariff: p.tariffName }),
  "service-status": (p, t) => `${serviceStatusTitle(p.status, t)}: ${p.name || p.tariffName} (#${p.serviceId})`,
  "account-link": (p, t) => accountLinkTitle(p.purpose, t),
  "task-notice": (p, t) => taskNoticeTitle(p, t),
  "task-digest": (p, t) => taskDigestTitle(p, t),
  "sign-in-unlock": (_p, t) => signInUnlockTitleIn(t),
  "order-confirmation": (p, t) => orderConfirmationTitle(p, t),
  "invoice-issued": (p, t) => invoiceIssuedTitle(p, t),
  "payment-receipt": (p, t) => paymentReceiptTitle(p, t),
  "invoice-reminder": (p, t) => invoiceReminderTitle(p, t),
  "credit-note": (p, t) => creditNoteTitle(p, t),
};

/** An email's subject in the recipient's language (the default when none is known). */
export function localizedSubject<T extends TemplateName>(template: T, props: TemplateProps[T], locale?: Locale | string | null): string {
  const subject = subjects[template] as ((props: TemplateProps[T], t: Translator) => string) | undefined;
  return subject ? subject(props, translatorFor(localeOr(locale))) : emailSubject(template, props);
}
