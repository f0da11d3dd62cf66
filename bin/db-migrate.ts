// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL, or to the embedded Postgres.
import { getEnv } from "../lib/env";
import { migrateDatabase, resolveDatabase } from "../lib/db";
import { exitWithError } from "../lib/cli-errors";

async function main(): Promise<void> {
  const database = await resolveDatabase({ env: getEnv() });
  await migrateDatabase({ url: database.url });
  await database.embedded?.stop();
}

main().catch(exitWithError);
