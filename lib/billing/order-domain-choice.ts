import { orderItemFromForm } from "./order-params";

/**
 * How an order form names its domain: register a new one, transfer one held elsewhere (with the auth
 * code its current registrar gave), or, for a site, use one the client already has (picked from the
 * client's domains or typed). The answer is the item's domain params as the order verbs expect them:
 * `transfer: true` and `authCode` for a transfer (the order seals the code before it is stored).
 */
export const domainChoices = ["register", "transfer", "own"] as const;
export type DomainChoice = (typeof domainChoices)[number];

export type DomainChoiceParams = { domain?: string; transfer?: true; authCode?: string };

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value.trim() : "";
};

/** The choice a form sent; a form without one (the admin's, an older page) registers. */
export function domainChoiceOf(form: FormData): DomainChoice {
  const value = text(form, "domainChoice");
  return (domainChoices as readonly string[]).includes(value) ? (value as DomainChoice) : "register";
}

/**
 * The domain params of a form's choice. A transfer is a domain tariff's (a site's domain is only
 * named, whoever registers it); "own" takes the picked domain, else the typed one.
 */
export function domainChoiceParams(form: FormData, productType: string): DomainChoiceParams {
  const choice = domainChoiceOf(form);
  const picked = choice === "own" ? text(form, "ownDomain") : "";
  const domain = picked || text(form, "domain");
  const params: DomainChoiceParams = domain ? { domain } : {};
  if (choice === "transfer" && productType === "domain") {
    params.transfer = true;
    const code = text(form, "authCode");
    if (code) params.authCode = code;
  }
  return params;
}

/** A store order form's item: tariff, period, add-ons, and its params with the domain as the choice names it. */
export function storeItemFromForm(form: FormData) {
  const { addons, params: named } = orderItemFromForm(form);
  const { domain: _typed, ...rest } = named;
  const params = { ...rest, ...domainChoiceParams(form, text(form, "productType")) };
  return { tariffId: Number(form.get("tariffId")), months: Number(form.get("months")), addons, params };
}

/**
 * A site's form that chose to register or transfer its domain: that domain's registration joins the
 * same order (the transfer with the auth code typed); nothing for a domain tariff's own form or "own".
 */
export function registrationFromForm(form: FormData): { transfer: boolean; authCode?: string } | undefined {
  const choice = domainChoiceOf(form);
  if (text(form, "productType") === "domain" || choice === "own" || !text(form, "domain")) return undefined;
  const code = text(form, "authCode");
  return choice === "transfer" ? { transfer: true, ...(code ? { authCode: code } : {}) } : { transfer: false };
}
