"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; "Save as PDF" there keeps the invoice as a file. */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  return (
    <Button variant="secondary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
