import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { baseSecurityHeaders } from "./lib/security-headers";

const config: NextConfig = {
  // NEXT_DIST_DIR lets several builds live side by side (e.g. parallel test runs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  output: "standalone",
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs"],
  // The invoice PDF's typeface, read from the disk at run time (components/store/pdf-font.ts).
  outputFileTracingIncludes: { "/**": ["./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"] },
  poweredByHeader: false,
  // Every answer, static files included; pages also get their CSP (with a nonce) from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(baseSecurityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

/** Languages: next-intl reads its per-request configuration (locale and catalog) from here. */
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(config);
