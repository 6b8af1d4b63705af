import { getLocale } from "next-intl/server";
import { clientCtx } from "@/lib/services/request-context";
import { invoicePdfResponse } from "@/components/store/invoice-pdf";

export const dynamic = "force-dynamic";

/** The client's invoice as a PDF file, in the reader's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  return invoicePdfResponse(await clientCtx(`/account/invoices/${encodeURIComponent(invoiceId)}`), invoiceId, await getLocale());
}
