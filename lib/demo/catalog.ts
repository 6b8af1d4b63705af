import type { Db } from "../db";
import { createHandler } from "../services/handlers/create";
import { createTariff } from "../services/tariffs/create";
import type { Ctx } from "../services/context";
import type { SeedIds } from "../seed";
import { demoPanel, demoPorts, demoUrl } from "./simulators";

type HandlerInput = Parameters<typeof createHandler>[0]["input"];

/** Demo handlers, one per module pointing at the local simulators, and tariffs for each product type. */
export async function seedCatalog(db: Db, ids: SeedIds): Promise<void> {
  const ctx: Ctx = { db, actor: { type: "system" } };
  const p = demoPorts();
  const { user, password, email, org, vdcId, clID } = demoPanel;
  const hosting = ids.hostingDepartmentId;
  const handler = async (input: HandlerInput) => (await createHandler({ ctx, input: { dataCenter: "Local", ...(input as object) } })).id;
  const isp = await handler({ name: "ISPmanager (demo)", productType: "hosting", module: "ispmanager", priority: 10, departmentId: hosting, connection: { url: demoUrl(p.ispmanager), username: user, password } });
  const cpanel = await handler({ name: "cPanel (demo)", productType: "hosting", module: "cpanel", priority: 20, departmentId: hosting, connection: { url: demoUrl(p.cpanel), username: "root", apiToken: password } });
  const vmm = await handler({ name: "VMmanager (demo)", productType: "vps", module: "vmmanager", departmentId: hosting, connection: { url: demoUrl(p.vmmanager), email, password, cluster: 1, os: 1 } });
  const vcd = await handler({ name: "vCloud Director (demo)", productType: "vps", module: "vcloud", departmentId: hosting, connection: { url: demoUrl(p.vcloud), org, username: user, password, vdcId } });
  const webnames = await handler({ name: "Webnames (demo)", productType: "domain", module: "webnames", departmentId: ids.domainsDepartmentId, connection: { url: `${demoUrl(p.webnames)}/RegTimeSRS.pl`, username: user, password, nameservers: "ns1.provisio.test,ns2.provisio.test" } });
  const epp = await handler({ name: "EPP registry (demo)", productType: "domain", module: "epp", departmentId: ids.domainsDepartmentId, connection: { host: "127.0.0.1", port: p.epp, username: clID, password: demoPanel.eppPassword, insecure: "true", nameservers: "ns1.provisio.test,ns2.provisio.test" } });
  const manual = await handler({ name: "Manual setup", productType: "dedicated", module: "manual", departmentId: hosting });

  const disk = { key: "disk", label: "Disk", unit: "GiB", amount: 5, addon: true, maxExtra: 50, unitPrice: 50 };
  const databases = { key: "databases", label: "Databases", unit: "", amount: 5, addon: true, maxExtra: 20, unitPrice: 25 };
  const tariff = (input: Record<string, unknown>) => createTariff({ ctx, input });
  // Some plans are sold in EUR too: a EUR client sees those, at these prices (the others are noted as not sold in EUR).
  const eur = (prices: [number, number][], addons: Record<string, number> = {}) => [
    { currency: "EUR", prices: prices.map(([months, price]) => ({ months, price })), addonPrices: Object.entries(addons).map(([key, unitPrice]) => ({ key, unitPrice })) },
  ];
  await tariff({
    productType: "hosting", name: "Starter", template: "StarterPack", handlerIds: [isp],
    description: "Shared hosting for one site: 5 GiB disk, 5 databases, free SSL.",
    prices: [{ months: 1, price: 399 }, { months: 12, price: 3990 }],
    otherPrices: eur([[1, 369], [12, 3690]], { disk: 45, databases: 20 }),
    resources: [disk, databases, { key: "sites", label: "Sites", amount: 1 }],
  });
  // On the same panel as Starter, so a Starter client can change plan to it and back.
  await tariff({
    productType: "hosting", name: "Advanced", template: "AdvancedPack", handlerIds: [isp],
    description: "Shared hosting for ten sites: 10 GiB disk, 10 databases, free SSL.",
    prices: [{ months: 1, price: 699 }, { months: 12, price: 6990 }],
    otherPrices: eur([[1, 649], [12, 6490]], { disk: 45, databases: 20 }),
    resources: [{ ...disk, amount: 10 }, { ...databases, amount: 10 }, { key: "sites", label: "Sites", amount: 10 }],
  });
  await tariff({
    productType: "hosting", name: "Business", template: "business", handlerIds: [cpanel],
    description: "Hosting for ten sites with room to grow, managed in cPanel.",
    prices: [{ months: 1, price: 899 }, { months: 12, price: 8990 }],
    resources: [{ ...disk, amount: 20 }, { ...databases, amount: 10 }],
  });
  await tariff({
    productType: "vps", name: "VPS Small", template: "vps-small", handlerIds: [vmm],
    description: "A virtual server with 1 vCPU, 1 GiB RAM and a 20 GiB disk.",
    prices: [{ months: 1, price: 990 }, { months: 12, price: 9900 }],
    otherPrices: eur([[1, 920], [12, 9200]]),
    resources: [{ key: "cpu", label: "CPU", unit: "vCPU", amount: 1 }, { key: "ram", label: "RAM", unit: "GiB", amount: 1 }, { key: "disk", label: "Disk", unit: "GiB", amount: 20 }],
  });
  await tariff({
    productType: "vps", name: "Cloud Server", template: null, handlerIds: [vcd],
    description: "A cloud server built from the processors, memory and disk you choose.",
    prices: [{ months: 1, price: 1490 }, { months: 12, price: 14900 }],
    resources: [
      { key: "cpu", label: "CPU", unit: "vCPU", amount: 2, addon: true, maxExtra: 6, unitPrice: 300 },
      { key: "ram", label: "RAM", unit: "GiB", amount: 2, addon: true, maxExtra: 14, unitPrice: 200 },
      { key: "disk", label: "Disk", unit: "GiB", amount: 40, addon: true, maxExtra: 460, unitPrice: 5 },
    ],
  });
  await tariff({
    productType: "domain", name: ".ru domain", template: null, tlds: ["ru", "xn--p1ai"], handlerIds: [webnames],
    description: "Register a .ru or .рф domain.", prices: [{ months: 12, price: 590 }, { months: 24, price: 1180 }],
  });
  await tariff({
    productType: "domain", name: ".com domain", template: null, tlds: ["com", "net"], handlerIds: [epp],
    description: "Register a .com or .net domain.", prices: [{ months: 12, price: 1290 }, { months: 24, price: 2580 }],
    otherPrices: eur([[12, 1190], [24, 2380]]),
  });
  await tariff({
    productType: "dedicated", name: "Dedicated E-2388", template: null, handlerIds: [manual],
    description: "A dedicated server set up by our staff.", prices: [{ months: 1, price: 9900 }],
  });
}
