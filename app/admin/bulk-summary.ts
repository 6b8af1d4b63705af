import type { BulkOutcome } from "@/lib/services/bulk";

/** "3 suspended, 1 refused: #12 A closed service cannot be suspended". */
export function bulkSummary(outcome: BulkOutcome, doneWord: string): string {
  const done = `${outcome.done.length} ${doneWord}`;
  if (outcome.refused.length === 0) return done;
  const why = outcome.refused.map((r) => `#${r.id} ${r.why}`).join("; ");
  return `${done}, ${outcome.refused.length} refused: ${why}`;
}

/** The ids ticked in a list's form, as numbers (anything else fails the verb's check). */
export const ticked = (form: FormData, key: string) => form.getAll(key).map((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));
