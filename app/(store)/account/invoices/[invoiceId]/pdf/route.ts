import { clientCtx } from "@/lib/services/request-context";
import { invoicePdfResponse } from "@/components/store/invoice-pdf";

export const dynamic = "force-dynamic";

/** The client's invoice as a PDF file. */
export async function GET(_request: Request, { params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  return invoicePdfResponse(await clientCtx(`/account/invoices/${encodeURIComponent(invoiceId)}`), invoiceId);
}
