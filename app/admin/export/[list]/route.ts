import { requestCtx } from "@/lib/services/request-context";
import { exportList } from "../export-list";

export const dynamic = "force-dynamic";

/** An admin list as CSV: /admin/export/services?status=active, with the page's own filters. */
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  return exportList(await requestCtx(), (await params).list, new URL(request.url).searchParams);
}
