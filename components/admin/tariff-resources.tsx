"use client";

import { Button } from "@/components/ui/button";

export type ResourceRow = { key: string; label: string; unit: string; amount: string; addon: boolean; maxExtra: string; unitPrice: string };

export const emptyResource: ResourceRow = { key: "", label: "", unit: "", amount: "0", addon: false, maxExtra: "0", unitPrice: "0" };

const input = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

/** Resources with amounts; an add-on can be bought in extra units up to a limit at a unit price (per month). */
export function TariffResources({ rows, onChange }: { rows: ResourceRow[]; onChange: (rows: ResourceRow[]) => void }) {
  const set = (i: number, patch: Partial<ResourceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cols = ["Key", "Label", "Unit", "Amount", "Add-on", "Max extra", "Unit price / month", ""];
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 font-medium">Resources and add-ons</legend>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c} scope="col" className="px-1 py-1 text-left font-medium text-slate-600">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} key`} name={`resources.${i}.key`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} className={input} placeholder="disk" /></td>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} label`} name={`resources.${i}.label`} value={r.label} onChange={(e) => set(i, { label: e.target.value })} className={input} placeholder="Disk" /></td>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} unit`} name={`resources.${i}.unit`} value={r.unit} onChange={(e) => set(i, { unit: e.target.value })} className={`${input} w-20`} placeholder="GiB" /></td>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} amount`} name={`resources.${i}.amount`} inputMode="numeric" value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} className={`${input} w-20`} /></td>
                <td className="px-1 py-1 text-center"><input aria-label={`Resource ${i + 1} is an add-on`} type="checkbox" name={`resources.${i}.addon`} checked={r.addon} onChange={(e) => set(i, { addon: e.target.checked })} /></td>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} max extra`} name={`resources.${i}.maxExtra`} inputMode="numeric" value={r.maxExtra} onChange={(e) => set(i, { maxExtra: e.target.value })} className={`${input} w-20`} disabled={!r.addon} /></td>
                <td className="px-1 py-1"><input aria-label={`Resource ${i + 1} unit price`} name={`resources.${i}.unitPrice`} inputMode="decimal" value={r.unitPrice} onChange={(e) => set(i, { unitPrice: e.target.value })} className={`${input} w-24`} disabled={!r.addon} /></td>
                <td className="px-1 py-1">
                  <Button variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove resource ${i + 1}`}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button variant="secondary" onClick={() => onChange([...rows, { ...emptyResource }])}>
          Add resource
        </Button>
      </div>
    </fieldset>
  );
}
