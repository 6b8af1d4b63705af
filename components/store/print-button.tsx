"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; "Save as PDF" there keeps the invoice as a file. */
export function PrintButton({ label }: { label?: string }) {
  const t = useTranslations("pay");
  return (
    <Button variant="secondary" className="print:hidden" onClick={() => window.print()}>
      {label ?? t("print")}
    </Button>
  );
}
