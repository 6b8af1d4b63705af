import type { Db } from "../db";
import { createHandler } from "../services/handlers/create";
import { createTariff } from "../services/tariffs/create";
import type { Ctx } from "../services/context";
import type { SeedIds } from "../seed";
import { DEMO_PANEL_PASSWORD, DEMO_PANEL_USER, demoPorts, demoUrl } from "./simulators";

/** Demo handlers (one per module, pointing at the local simulators) and a tariff for each product type. */
export async function seedCatalog(db: Db, ids: SeedIds): Promise<void> {
  const ctx: Ctx = { db, actor: { type: "system" } };
  const ports = demoPorts();
  const isp = await createHandler({
    ctx,
    input: {
      name: "ISPmanager (demo)", productType: "hosting", module: "ispmanager", dataCenter: "Local", priority: 10,
      departmentId: ids.hostingDepartmentId,
      connection: { url: demoUrl(ports.ispmanager), username: DEMO_PANEL_USER, password: DEMO_PANEL_PASSWORD },
    },
  });
  const manual = await createHandler({
    ctx,
    input: { name: "Manual setup", productType: "other", module: "manual", departmentId: ids.hostingDepartmentId, dataCenter: "Local" },
  });
  const disk = { key: "disk", label: "Disk", unit: "GiB", amount: 5, addon: true, maxExtra: 50, unitPrice: 50 };
  const databases = { key: "databases", label: "Databases", unit: "", amount: 5, addon: true, maxExtra: 20, unitPrice: 25 };
  await createTariff({
    ctx,
    input: {
      productType: "hosting", name: "Starter", template: "StarterPack", handlerIds: [isp.id],
      description: "Shared hosting for one site: 5 GiB disk, 5 databases, free SSL.",
      prices: [{ months: 1, price: 399 }, { months: 12, price: 3990 }],
      resources: [disk, databases, { key: "sites", label: "Sites", amount: 1 }],
    },
  });
  await createTariff({
    ctx,
    input: {
      productType: "hosting", name: "Advanced", template: "AdvancedPack", handlerIds: [isp.id],
      description: "Shared hosting for ten sites with room to grow.",
      prices: [{ months: 1, price: 899 }, { months: 12, price: 8990 }],
      resources: [{ ...disk, amount: 20 }, { ...databases, amount: 10 }, { key: "sites", label: "Sites", amount: 10 }],
    },
  });
  await createTariff({
    ctx,
    input: {
      productType: "other", name: "Managed setup", template: null, handlerIds: [manual.id],
      description: "Our staff set it up for you by hand.",
      prices: [{ months: 1, price: 1500 }],
    },
  });
}
