import { getLocale } from "next-intl/server";
import { adminPageCtx } from "@/lib/services/request-context";
import { creditNotePdfResponse } from "@/components/store/credit-note-pdf";

export const dynamic = "force-dynamic";

/** Any client's credit note as a PDF file, for admins, in the reader's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return creditNotePdfResponse(await adminPageCtx(`/admin/credit-notes/${encodeURIComponent(id)}/pdf`), id, await getLocale());
}
