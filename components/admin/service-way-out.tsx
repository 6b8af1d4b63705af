import Link from "next/link";
import type { FormState } from "@/app/admin/form-state";
import { formatMoney } from "@/components/ui/money";
import { ActionButton } from "./action-button";
import { SpecForm } from "./spec-form";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
type Props = {
  service: { id: number; status: string; operations: { id: number; kind: string; status: string }[] };
  refund: { currency: string; paid: number; refunded: number; left: number; unused: number; card: boolean };
  actions: { cancelSetup: Action; retrySetup: Action; refund: Action; switchToManual: Action };
};

const setupWords: Record<string, string> = {
  queued: "The set-up is queued (or waiting for its next try).",
  waiting: "The panel is still working on the set-up.",
  running: "The panel is being asked right now.",
  manual: "The set-up is waiting for staff to finish it by hand.",
};

/** The admin's ways out of every state: a set-up is retried, handed to staff, finished by hand or cancelled and refunded; paid services can be refunded. */
export function ServiceWayOut({ service, refund, actions }: Props) {
  const money = (n: number) => formatMoney(n, refund.currency);
  const to = [{ value: "balance", label: "To the balance" }, ...(refund.card ? [{ value: "card", label: "To the card (Stripe)" }] : [])];
  if (service.status === "processing" || service.status === "ordered") {
    const open = service.operations.find((o) => o.kind === "open" && ["queued", "running", "waiting", "manual"].includes(o.status));
    return (
      <div className="flex flex-col gap-3" data-testid="way-out">
        <p className="text-sm text-slate-700">{open ? setupWords[open.status] : "No set-up is running: try it again, or cancel it and refund."}</p>
        <div className="flex flex-wrap gap-3">
          {open?.status !== "running" && <ActionButton action={actions.retrySetup} values={{ serviceId: service.id }} label="Try the set-up again" variant="primary" />}
          {open && open.status !== "manual" && (
            <ActionButton action={actions.switchToManual} values={{ operationId: open.id }} label="Finish by hand" confirm="Stop the module and give the set-up to staff as a task, to be finished by hand?" />
          )}
          {open?.status === "manual" && <Link href={`/admin/operations/${open.id}`} className="inline-flex items-center text-sm font-medium text-indigo-700 hover:underline">Its task (finished by hand on the board)</Link>}
        </div>
        <SpecForm
          action={actions.cancelSetup}
          submitLabel={`Cancel the set-up and refund ${money(refund.left)}`}
          hidden={{ serviceId: service.id }}
          fields={[
            { name: "to", label: "Refund", type: "select", options: to, defaultValue: "balance" },
            { name: "reason", label: "Reason (kept in the audit log)", defaultValue: "Set-up cancelled by admin" },
          ]}
        />
      </div>
    );
  }
  if (refund.left <= 0) return <p className="text-sm text-slate-600">Nothing paid for this service is left to refund ({money(refund.paid)} paid, {money(refund.refunded)} refunded).</p>;
  return (
    <div data-testid="way-out">
      <p className="mb-2 text-sm text-slate-700">Paid {money(refund.paid)}, refunded {money(refund.refunded)}. Unused time of the paid period: {money(refund.unused)}.</p>
      <SpecForm
        action={actions.refund}
        submitLabel="Refund"
        resetOnSuccess
        hidden={{ serviceId: service.id }}
        fields={[
          { name: "mode", label: "How much", type: "select", defaultValue: "pro_rata", options: [{ value: "pro_rata", label: `Unused time: ${money(refund.unused)}` }, { value: "full", label: `All that is left: ${money(refund.left)}` }] },
          { name: "to", label: "Refund", type: "select", options: to, defaultValue: "balance" },
          { name: "reason", label: "Reason (shown in the client's balance history)" },
        ]}
      />
    </div>
  );
}
