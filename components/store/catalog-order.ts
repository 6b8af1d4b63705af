type Priced = { name: string; prices: { months: number; price: number }[] };

/** What a plan costs a month at its cheapest period (the figure buyers compare plans by). */
export const monthlyFrom = (t: Priced) => Math.min(...t.prices.map((p) => p.price / p.months));

/** Plans cheapest first; equal ones by name. */
export function byPrice<T extends Priced>(tariffs: T[]): T[] {
  return [...tariffs].sort((a, b) => monthlyFrom(a) - monthlyFrom(b) || a.name.localeCompare(b.name));
}
