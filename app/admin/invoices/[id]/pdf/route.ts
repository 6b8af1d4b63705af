import { getLocale } from "next-intl/server";
import { adminPageCtx } from "@/lib/services/request-context";
import { invoicePdfResponse } from "@/components/store/invoice-pdf";

export const dynamic = "force-dynamic";

/** Any client's invoice as a PDF file, for admins, in the reader's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return invoicePdfResponse(await adminPageCtx(`/admin/invoices/${encodeURIComponent(id)}`), id, await getLocale());
}
