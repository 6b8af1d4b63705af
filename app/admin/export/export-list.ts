import { csvLine } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { isAdmin, type Ctx } from "@/lib/services/context";
import { exportsByList } from "./lists";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * An admin list as CSV, with the page's filters from the query string, streamed page by page
 * (keyset, newest first) so a long list never sits in memory whole.
 */
export async function exportList(ctx: Ctx, list: string, query: URLSearchParams): Promise<Response> {
  const spec = Object.hasOwn(exportsByList, list) ? exportsByList[list] : undefined;
  if (!spec) return plain(404, "There is no such list to export.");
  if (ctx.actor.type === "anonymous") return plain(401, "Sign in first.");
  if (!isAdmin(ctx.actor)) return plain(403, "Only admins can export lists.");
  const filters = Object.fromEntries(spec.filters.map((k) => [k, query.get(k)?.trim()]).filter(([, v]) => v));
  let first;
  try {
    first = await spec.read(ctx, filters);
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") return plain(400, "Some filters are not valid. Clear them and try again.");
    throw error;
  }
  const fields = Object.values(spec.columns);
  const encoder = new TextEncoder();
  let page: typeof first | null = first;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(Object.keys(spec.columns))));
    },
    async pull(controller) {
      if (!page) return controller.close();
      controller.enqueue(encoder.encode(page.items.map((row) => csvLine(fields.map((f) => row[f]))).join("")));
      page = page.nextCursor ? await spec.read(ctx, { ...filters, cursor: page.nextCursor }) : null;
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${list}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
