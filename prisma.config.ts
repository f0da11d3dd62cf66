import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Prisma 6.19's JavaScript schema engine needs no binary download (docs/adr/0001-prisma-6-js-engine.md).
// The CLI (migrate deploy/status/diff) reaches Postgres through this adapter.

// Workaround for https://github.com/prisma/prisma/issues/27403: the JS schema engine reads catalog
// columns of type `name` (19) and `"char"` (18), which adapter-pg 6.19 cannot map. Reporting them as
// text (25) is enough. This file only runs in the Prisma CLI, so the app's runtime is untouched.
const originalQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function patchedQuery(this: pg.Pool, ...args: unknown[]) {
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (result instanceof Promise) {
    return result.then((res: pg.QueryResult) => {
      for (const field of res?.fields ?? []) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
      return res;
    });
  }
  return result;
} as typeof pg.Pool.prototype.query;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set. Use `npm run db:migrate`, which starts the embedded Postgres when DATABASE_URL is unset.");
    }
    return new PrismaPg({ connectionString });
  },
});
