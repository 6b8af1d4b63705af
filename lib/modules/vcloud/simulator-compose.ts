import { element, elements, textOf } from "./xml";

/** How the VCD simulator reads a ComposeVAppParams body: the schema checks, then what it asks for. */

export type Composed = { name: string; cpus: number; memoryMb: number; diskMb: number; computerName: string };
export type ComposedVm = Composed & { osType: string; hardwareVersion: string; description: string; adminPassword: string; network?: string };

const V15 = '"http://www.vmware.com/vcloud/v1.5"';

/**
 * The schema rules a real VCD enforces on this body (protocols §4), answered as its cvc-… messages
 * (wording after Xerces, which VCD uses; exact text unconf.). Null when the body passes.
 */
export function schemaViolation(body: string): string | null {
  const item = /<(?:\w+:)?CreateItem(\s[^>]*)?>/.exec(body);
  if (item && !/\sname="[^"]*"/.test(item[1] ?? "")) return "cvc-complex-type.4: Attribute 'name' must appear on element 'CreateItem'.";
  const inner = element(body, "CreateItem")?.inner ?? "";
  if (/<(?:\w+:)?Name[\s>]/.test(inner)) return `cvc-complex-type.2.4.a: Invalid content was found starting with element 'Name'. One of '{${V15}:Description, ${V15}:GuestCustomizationSection}' is expected.`;
  const spec = element(inner, "VmSpecSection")?.inner;
  if (spec !== undefined) {
    if (!/<(?:\w+:)?OsType>/.test(spec)) return `cvc-complex-type.2.4.a: Invalid content was found starting with element 'NumCpus'. One of '{${V15}:OsType}' is expected.`;
    if (!/<(?:\w+:)?HardwareVersion>/.test(spec)) return `cvc-complex-type.2.4.b: The content of element 'VmSpecSection' is not complete. One of '{${V15}:HardwareVersion}' is expected.`;
    for (const disk of elements(spec, "DiskSettings")) {
      if (!/<(?:\w+:)?AdapterType>/.test(disk.inner)) return `cvc-complex-type.2.4.a: Invalid content was found starting with element 'ThinProvisioned'. One of '{${V15}:AdapterType}' is expected.`;
    }
  }
  return null;
}

/** What the body asks for; the VM's NIC only when its network is a vApp network bridged to an org network. */
export function readCompose(body: string, orgNetworks: Map<string, string>): ComposedVm {
  const root = element(body, "ComposeVAppParams");
  const item = element(body, "CreateItem")?.inner ?? "";
  const spec = element(item, "VmSpecSection")?.inner ?? "";
  const name = root?.attrs.name ?? "";
  const bridged = new Map(
    elements(element(body, "NetworkConfigSection")?.inner ?? "", "NetworkConfig").map((n) => [n.attrs.networkName ?? "", element(n.inner, "ParentNetwork")?.attrs.href ?? ""]),
  );
  const nic = elements(element(item, "NetworkConnectionSection")?.inner ?? "", "NetworkConnection")[0]?.attrs.network;
  const parent = nic ? bridged.get(nic) : undefined;
  const network = parent ? [...orgNetworks].find(([, href]) => parent.endsWith(href))?.[0] : undefined;
  return {
    name,
    cpus: Number(textOf(spec, "NumCpus")),
    memoryMb: Number(textOf(element(spec, "MemoryResourceMb")?.inner ?? "", "Configured")),
    diskMb: elements(spec, "SizeMb").reduce((sum, e) => sum + Number(e.inner), 0),
    computerName: textOf(item, "ComputerName") ?? name,
    osType: textOf(spec, "OsType") ?? "",
    hardwareVersion: textOf(spec, "HardwareVersion") ?? "",
    description: textOf(body.replace(/<(?:\w+:)?CreateItem[\s\S]*<\/(?:\w+:)?CreateItem>/, ""), "Description") ?? "",
    adminPassword: textOf(item, "AdminPassword") ?? "",
    ...(network ? { network } : {}),
  };
}
