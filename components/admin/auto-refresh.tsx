"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

/** Re-renders the page from the server every few seconds while it is open and visible. */
export function AutoRefresh({ seconds = 3 }: { seconds?: number }) {
  const t = useTranslations("adminShared");
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <p className="text-xs text-slate-500" aria-live="off">
      {t("updates", { seconds })}
    </p>
  );
}
