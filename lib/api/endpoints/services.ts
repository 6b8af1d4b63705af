import { listServicesInput } from "../../services/services/list";
import { changePlanInput } from "../../services/services/change-plan";
import { quoteChangeInput } from "../../services/services/quote-change";
import { renewServiceInput } from "../../services/services/renew";
import { addonAmounts } from "../../services/services/quote-addons";
import { z } from "zod";
import { defineEndpoint, idParams, noBody } from "../endpoint";

export const listServices = defineEndpoint({
  id: "listServices", method: "GET", path: "/services", tag: "Services", scope: "read",
  summary: "Services, newest first, a page at a time",
  description: "A client-bound key sees its client's services only.",
  query: listServicesInput,
  response: "`{ items, nextCursor }`; each item is a service (never its secrets) with `tariffName` and `clientName`, and its domain as `domain` (punycode, as registries know it) and `domainUnicode` (as people write it; both null without a domain)",
});

export const getService = defineEndpoint({
  id: "getService", method: "GET", path: "/services/{id}", tag: "Services", scope: "read",
  summary: "One service with its resources, history, operations and renewal prices",
  params: idParams,
  response: "The service (never its secrets), with its domain as `domain` (punycode) and `domainUnicode` (as people write it); both null without a domain",
});

const action = (name: "suspend" | "resume" | "close", summary: string, description: string) =>
  defineEndpoint({
    id: `${name}Service`, method: "POST", path: `/services/{id}/${name}`, tag: "Services", scope: "services:write",
    summary, description, params: idParams, body: noBody, status: 202,
    response: "Accepted: the operation is queued and runs in the background",
  });

export const suspendService = action("suspend", "Suspend an active service", "Records the reason `admin` and queues a `suspend` operation. Staff-level (admin) keys only.");
export const resumeService = action("resume", "Resume a suspended service", "Lifts the reasons placed on the service itself and queues a `resume` operation; 409 while its client is suspended. Staff-level (admin) keys only.");
export const closeService = defineEndpoint({
  id: "closeService", method: "POST", path: "/services/{id}/close", tag: "Services", scope: "services:write",
  summary: "Close a service, now or at the end of its paid period",
  description: "Turns auto-renew off and queues a `close` operation: now (the default), or with `{\"when\":\"period_end\"}` due when the paid period ends. Closing now refunds the unused time to the balance when the tariff says so.",
  params: idParams, body: z.strictObject({ when: z.enum(["now", "period_end"]).optional() }), status: 202,
  response: "Accepted: `{ operationId, created, refund, currency, closesAt }`; `refund` is what returned to the balance, in minor units",
});
export const renewService = defineEndpoint({
  id: "renewService", method: "POST", path: "/services/{id}/renew", tag: "Services", scope: "services:write",
  summary: "Renew a service now, for its period or another the tariff sells",
  description: "Charges the renewal from the balance for `months` (a period the tariff sells, listed in the service's `renewals`; its own period by default) and queues `prolong`; the service's period becomes those months. An unpaid renewal invoice for that period is the one paid. A second call for the same expiry charges nothing (`charged: false`). 422 on insufficient funds, with `price`, `balance` and `difference` in minor units (nothing changes); 409 for a period the tariff does not sell or a service that cannot be renewed.",
  params: idParams, body: z.strictObject({ months: renewServiceInput.shape.months }), status: 202,
  response: "Accepted: `{ charged, price, currency, months, invoiceId, operationIds }`",
});

export const quotePlanChange = defineEndpoint({
  id: "quotePlanChange", method: "GET", path: "/services/{id}/plans", tag: "Services", scope: "read",
  summary: "Plans an active service can change to, with the prorated amounts",
  description: "Plans of the same product type that the service's processing module can change to. For each: `credit` for the unused time of the current plan, `charge` for the new plan's remaining time and `difference` (charge − credit; negative is credited), in minor units, each rounded to the nearest unit, halves up. With `tariffId`, that plan only (422 when it is not offered). Changes nothing.",
  params: idParams, query: z.strictObject({ tariffId: quoteChangeInput.shape.tariffId }),
  response: "`{ serviceId, choices }`; each choice is `{ tariffId, tariffName, currency, months, price, credit, charge, difference, resources, template }`",
});

export const changeServicePlan = defineEndpoint({
  id: "changeServicePlan", method: "POST", path: "/services/{id}/change-plan", tag: "Services", scope: "services:write",
  summary: "Change an active service's plan",
  description: "Credits the unused time of the current plan, charges the new plan's remaining time (the amounts of `quotePlanChange`) and queues a `change_tariff` operation; the service is on the new plan once it is done. A cancelled change refunds the difference. 422 on insufficient funds (nothing changes) or a plan that is not offered; 409 while another operation is in progress.",
  params: idParams, body: z.strictObject({ tariffId: changePlanInput.shape.tariffId }), status: 202,
  response: "Accepted: `{ operationId, tariffId, credit, charge, difference, currency, message }`",
});

export const quoteAddonChange = defineEndpoint({
  id: "quoteAddonChange", method: "GET", path: "/services/{id}/addons", tag: "Services", scope: "read",
  summary: "Add-ons an active service can change, with the prorated amounts of a change",
  description: "The add-on resources of the service's plan: `included` units, the `extra` units it has, `maxExtra` and the `unitPrice` of an extra unit a month; none when its processing module cannot change them. With the extra units wanted as query parameters (`?disk=15&databases=2`: as many extra units as the service should have; add-ons left out keep theirs), also `quote`: `credit` for the unused time of the add-ons it has, `charge` for the new add-ons' remaining time and `difference` (charge − credit; negative is credited), in minor units, prorated like a plan change; `price` is the period's price with the new add-ons. 400 for an add-on not offered or out of its limits, 422 when nothing would change. Changes nothing.",
  params: idParams, query: addonAmounts,
  response: "`{ serviceId, addons, quote }`; each add-on is `{ key, label, unit, included, extra, maxExtra, unitPrice }`; `quote` is null without query parameters, else `{ tariffId, tariffName, currency, months, price, credit, charge, difference, resources, template, addons }`",
});

export const changeServiceAddons = defineEndpoint({
  id: "changeServiceAddons", method: "POST", path: "/services/{id}/change-addons", tag: "Services", scope: "services:write",
  summary: "Add or remove add-on units of an active service",
  description: "`{\"addons\":{\"disk\":15}}`: as many extra units as the service should have (add-ons left out keep theirs). Credits the unused time of the add-ons it has, charges the new ones' remaining time (the amounts of `quoteAddonChange`) and queues a `change_tariff` operation on the same plan with the new resource amounts; the service has them once it is done. A cancelled change keeps the old amounts and refunds the difference. 400 for an add-on not offered or out of its limits; 422 on insufficient funds (nothing changes) or when nothing would change; 409 while another operation is in progress.",
  params: idParams, body: z.strictObject({ addons: addonAmounts }), status: 202,
  response: "Accepted: `{ operationId, tariffId, credit, charge, difference, currency, resources, addons, message }`",
});
