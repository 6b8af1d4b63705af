import { getTranslations } from "next-intl/server";
import { currentSupport } from "@/lib/auth/support-actor";
import { SubmitButton } from "@/components/ui/button";
import { endSupportAction } from "@/app/admin/support/actions";

/** Shown on every page while an admin is signed in as a client for support, with the way back. */
export async function SupportBanner() {
  const support = await currentSupport();
  if (!support) return null;
  const t = await getTranslations("adminSupport");
  return (
    <div role="status" data-testid="support-banner" className="bg-amber-100 text-amber-950">
      <form action={endSupportAction} className="mx-auto flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <span>
          {t.rich("text", { name: support.clientName, b: (chunks) => <strong>{chunks}</strong> })}
        </span>
        <SubmitButton variant="secondary" pendingText={t("going")}>
          {t("back")}
        </SubmitButton>
      </form>
    </div>
  );
}
