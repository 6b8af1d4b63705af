import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next*/", "dist/", ".data/", "drizzle/", "next-env.d.ts", "test-results/", "playwright-report/", ".test-output/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // UI pieces and processing modules speak the product's words, not the database's tables.
    files: ["components/**/*.{ts,tsx}", "lib/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ regex: "(^|/)db/schema(/|$)", message: "Import the vocabulary from lib/vocabulary.ts; components and modules do not use the database schema." }],
      }],
    },
  },
);
