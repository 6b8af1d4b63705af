import type { ReactElement } from "react";
import { displayDomain } from "../../domain-display";
import { AccountLink, accountLinkTitles, type AccountLinkProps } from "./account-link";
import { ServiceStatus, statusTitles, type ServiceStatusProps } from "./service-status";
import { SignInUnlock, signInUnlockTitle, type SignInUnlockProps } from "./sign-in-unlock";
import { TaskDigest, taskDigestTitle, type TaskDigestProps } from "./task-digest";
import { TaskNotice, taskNoticeTitle, type TaskNoticeProps } from "./task-notice";
import { WelcomeDomain, type WelcomeDomainProps } from "./welcome-domain";
import { WelcomeHosting, type WelcomeHostingProps } from "./welcome-hosting";
import { WelcomeOther, type WelcomeOtherProps } from "./welcome-other";
import { WelcomeVps, type WelcomeVpsProps } from "./welcome-vps";

export type { AccountLinkProps } from "./account-link";
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
};
export type TemplateName = keyof TemplateProps;

/** A template name with its props, as one value (what enqueueEmail and serviceEmail pass around). */
export type TemplateEmail = { [K in TemplateName]: { template: K; props: TemplateProps[K] } }[TemplateName];

export type TemplateEntry<P> = {
  component: ((props: P) => ReactElement) & { PreviewProps: P };
  subject(props: P): string;
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
};

export const templateNames = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export function emailSubject<T extends TemplateName>(template: T, props: TemplateProps[T]): string {
  return templates[template].subject(props);
}
