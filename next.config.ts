import type { NextConfig } from "next";

const config: NextConfig = {
  // NEXT_DIST_DIR lets several builds live side by side (e.g. parallel test runs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  output: "standalone",
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs"],
};

export default config;
