import { currentSupport } from "@/lib/auth/support-actor";
import { SubmitButton } from "@/components/ui/button";
import { endSupportAction } from "@/app/admin/support/actions";

/** Shown on every page while an admin is signed in as a client for support, with the way back. */
export async function SupportBanner() {
  const support = await currentSupport();
  if (!support) return null;
  return (
    <div role="status" data-testid="support-banner" className="bg-amber-100 text-amber-950">
      <form action={endSupportAction} className="mx-auto flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <span>
          You are signed in as <strong>{support.clientName}</strong> for support. What you do here is done as this client.
        </span>
        <SubmitButton variant="secondary" pendingText="Going back…">
          Back to admin
        </SubmitButton>
      </form>
    </div>
  );
}
