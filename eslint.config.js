import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import prettier from "eslint-config-prettier/flat";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      ".cache/",
      ".data/",
      "lib/db/generated/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...tseslint.configs.recommended,
  // Layout is Prettier's (`npm run format`); eslint keeps only rules about meaning.
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
    },
  },
  {
    // The simulator stands alone: it must never import the product (see docs/adr and DESIGN.md).
    files: ["sim/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/lib/*", "@/app/*", "@/workers/*", "../lib/*", "../../lib/*", "../app/*", "../workers/*"] },
      ],
    },
  },
);
