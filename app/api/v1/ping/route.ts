export const dynamic = "force-dynamic";

/** Does nothing and checks no key: the floor under every other route (see scripts/bench-api.ts). */
export function GET() {
  return Response.json({ ok: true });
}
