import { getLocale } from "next-intl/server";
import { clientCtx } from "@/lib/services/request-context";
import { creditNotePdfResponse } from "@/components/store/credit-note-pdf";

export const dynamic = "force-dynamic";

/** The client's credit note as a PDF file; another client's is 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ creditNoteId: string }> }) {
  const { creditNoteId } = await params;
  return creditNotePdfResponse(await clientCtx(`/account/invoices`), creditNoteId, await getLocale());
}
