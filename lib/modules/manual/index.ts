import { z } from "zod";
import { productTypes } from "../../vocabulary";
import { ModuleError, type ProcessingModule } from "../contract";

const refuse = async (): Promise<never> => {
  throw new ModuleError("manual", "Manual setup: staff do this by hand", false);
};

/** Staff set services up by hand: the engine turns every operation into a task (alwaysManual). */
export const manual: ProcessingModule<Record<string, never>> = {
  kind: "manual",
  title: "Manual setup",
  productTypes,
  usesTemplates: false,
  alwaysManual: true,
  connection: z.object({}),
  connectionFields: [],
  serviceFields: [
    { key: "login", label: "Login" },
    { key: "password", label: "Password", kind: "password", secret: true },
    { key: "ip", label: "IP address", kind: "ip" },
    { key: "panel_url", label: "Panel URL", kind: "url" },
    // Shown to the client (service page and welcome email); the internal note of the closing form never is.
    { key: "client_details", label: "Details for the client (shown in the welcome email)" },
  ],
  checkConnection: async () => {},
  open: refuse,
  suspend: refuse,
  resume: refuse,
  close: refuse,
  prolong: refuse,
  changeTariff: refuse,
  sync: async () => ({ state: "active" }),
};
