import type { ReactElement } from "react";
import { displayDomain } from "../../domain-display";
import { AccountLink, accountLinkTitles, type AccountLinkProps } from "./account-link";
import { CreditNote, creditNoteTitle, type CreditNoteProps } from "./credit-note";
import { InvoiceIssued, invoiceIssuedTitle, type InvoiceIssuedProps } from "./invoice-issued";
import { InvoiceReminder, invoiceReminderTitle, type InvoiceReminderProps } from "./invoice-reminder";
import { OrderConfirmation, orderConfirmationTitle, type OrderConfirmationProps } from "./order-confirmation";
import { PaymentReceipt, paymentReceiptTitle, type PaymentReceiptProps } from "./payment-receipt";
import { ServiceStatus, statusTitles, type ServiceStatusProps } from "./service-status";
import { SignInUnlock, signInUnlockTitle, type SignInUnlockProps } from "./sign-in-unlock";
import { TaskDigest, taskDigestTitle, type TaskDigestProps } from "./task-digest";
import { TaskNotice, taskNoticeTitle, type TaskNoticeProps } from "./task-notice";
import { WelcomeDomain, type WelcomeDomainProps } from "./welcome-domain";
import { WelcomeHosting, type WelcomeHostingProps } from "./welcome-hosting";
import { WelcomeOther, type WelcomeOtherProps } from "./welcome-other";
import { WelcomeVps, type WelcomeVpsProps } from "./welcome-vps";

export type { AccountLinkProps } from "./account-link";
export type { CreditNoteProps } from "./credit-note";
export type { InvoiceIssuedProps } from "./invoice-issued";
export type { InvoiceReminderProps } from "./invoice-reminder";
export type { OrderConfirmationProps } from "./order-confirmation";
export type { PaymentReceiptProps } from "./payment-receipt";
export type { ServiceStatusEvent, ServiceStatusProps } from "./service-status";
export type { SignInUnlockProps } from "./sign-in-unlock";
export type { TaskDigestProps } from "./task-digest";
export type { TaskNoticeProps } from "./task-notice";
export type { WelcomeDomainProps } from "./welcome-domain";
export type { WelcomeHostingProps } from "./welcome-hosting";
export type { WelcomeOtherProps } from "./welcome-other";
export type { WelcomeVpsProps } from "./welcome-vps";

export type TemplateProps = {
  "welcome-hosting": WelcomeHostingProps;
  "welcome-vps": WelcomeVpsProps;
  "welcome-domain": WelcomeDomainProps;
  "welcome-other": WelcomeOtherProps;
  "service-status": ServiceStatusProps;
  "account-link": AccountLinkProps;
  "task-notice": TaskNoticeProps;
  "task-digest": TaskDigestProps;
  "sign-in-unlock": SignInUnlockProps;
  "order-confirmation": OrderConfirmationProps;
  "invoice-issued": InvoiceIssuedProps;
  "payment-receipt": PaymentReceiptProps;
  "invoice-reminder": InvoiceReminderProps;
  "credit-note": CreditNoteProps;
};
export type TemplateName = keyof TemplateProps;

/** A template name with its props, as one value (what enqueueEmail and serviceEmail pass around). */
export type TemplateEmail = { [K in TemplateName]: { template: K; props: TemplateProps[K] } }[TemplateName];

/** A document an email carries as a PDF file, made when the email is sent. */
export type AttachmentRef = { kind: "invoice" | "credit_note"; id: number };

export type TemplateEntry<P> = {
  component: ((props: P) => ReactElement) & { PreviewProps: P };
  subject(props: P): string;
  attachments?(props: P): AttachmentRef[];
};

export const templates: { [K in TemplateName]: TemplateEntry<TemplateProps[K]> } = {
  "welcome-hosting": {
    component: WelcomeHosting,
    subject: (p) => `Your hosting is ready: ${displayDomain(p.domain) || p.tariffName}`,
  },
  "welcome-vps": {
    component: WelcomeVps,
    subject: (p) => `Your virtual server is ready: ${p.hostname || p.ip}`,
  },
  "welcome-domain": {
    component: WelcomeDomain,
    subject: (p) => `Domain ${displayDomain(p.domain)} is registered`,
  },
  "welcome-other": {
    component: WelcomeOther,
    subject: (p) => `Your service is ready: ${p.tariffName}`,
  },
  "service-status": {
    component: ServiceStatus,
    subject: (p) => `${statusTitles[p.status]}: ${p.name || p.tariffName} (#${p.serviceId})`,
  },
  "account-link": {
    component: AccountLink,
    subject: (p) => accountLinkTitles[p.purpose],
  },
  "task-notice": { component: TaskNotice, subject: taskNoticeTitle },
  "task-digest": { component: TaskDigest, subject: taskDigestTitle },
  "sign-in-unlock": { component: SignInUnlock, subject: () => signInUnlockTitle },
  "order-confirmation": { component: OrderConfirmation, subject: orderConfirmationTitle },
  "invoice-issued": { component: InvoiceIssued, subject: invoiceIssuedTitle, attachments: (p) => [{ kind: "invoice", id: p.invoiceId }] },
  "payment-receipt": { component: PaymentReceipt, subject: paymentReceiptTitle },
  "invoice-reminder": { component: InvoiceReminder, subject: invoiceReminderTitle, attachments: (p) => [{ kind: "invoice", id: p.invoiceId }] },
  "credit-note": { component: CreditNote, subject: creditNoteTitle, attachments: (p) => [{ kind: "credit_note", id: p.creditNoteId }] },
};

export const templateNames = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export function emailSubject<T extends TemplateName>(template: T, props: TemplateProps[T]): string {
  return templates[template].subject(props);
}

/** The PDF documents an email of this template carries. */
export function emailAttachments<T extends TemplateName>(template: T, props: TemplateProps[T]): AttachmentRef[] {
  const entry = templates[template] as TemplateEntry<TemplateProps[T]>;
  return entry.attachments?.(props) ?? [];
}
