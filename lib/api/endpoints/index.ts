import type { EndpointSpec } from "../endpoint";
import * as catalog from "./catalog";
import * as clients from "./clients";
import * as operations from "./operations";
import * as orders from "./orders";
import * as services from "./services";

export { catalog, clients, operations, orders, services };

/** Every REST operation, in the order the document and the developer page show them. */
export const endpoints: EndpointSpec[] = [
  catalog.listTariffs, catalog.listModules, catalog.listHandlers,
  clients.createClient, clients.getClient, clients.creditBalance,
  orders.createOrder, orders.payOrder,
  services.listServices, services.getService, services.suspendService, services.resumeService, services.closeService, services.renewService, services.quotePlanChange, services.changeServicePlan, services.quoteAddonChange, services.changeServiceAddons,
  operations.listOperations, operations.getOperation, operations.restartOperation, operations.listTasks,
  catalog.ping, catalog.openApi,
];
