import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/services";
import { integrationServices } from "../../support/integration-context";

const services = integrationServices();
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

// The catalogue of a database, in a form that two databases can be compared by.
async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `select 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'`,
      `select 'idx ' || indexname || ' ' || indexdef from pg_indexes where schemaname = 'public' and tablename <> '_prisma_migrations'`,
      `select 'con ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace and conrelid <> coalesce(to_regclass('public._prisma_migrations'), 0)::oid`,
      `select 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_type t join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'public'::regnamespace group by t.typname`,
    ];
    const rows: string[] = [];
    for (const q of queries) rows.push(...(await client.query<{ "?column?": string }>(q)).rows.map((r) => Object.values(r)[0] as string));
    return rows.sort();
  } finally {
    await client.end();
  }
}

describe("prisma migrations", () => {
  let fromSchema: TestDatabase | undefined;
  afterAll(async () => fromSchema?.drop());

  it("build exactly the schema that schema.prisma describes (no drift)", async () => {
    fromSchema = await createTestDatabase({ adminUrl: services.adminDatabaseUrl, migrate: false });
    const sql = execFileSync(
      process.execPath,
      [prismaCli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        env: { ...process.env, DATABASE_URL: fromSchema.url },
        encoding: "utf8",
      },
    );
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();
    const [migrated, declared] = await Promise.all([describeSchema(services.databaseUrl), describeSchema(fromSchema.url)]);
    expect(declared.length).toBeGreaterThan(10);
    expect(migrated).toEqual(declared);
  });
});
