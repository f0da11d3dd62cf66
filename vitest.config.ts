import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Two projects: fast pure unit tests beside the code, and integration tests that need
// real Postgres, Redis and the simulator over TCP (run one file at a time per worker).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "sim/**/*.test.ts", "workers/**/*.test.ts", "components/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
