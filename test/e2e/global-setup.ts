import { createTestDatabase, findAdminPostgres } from "../support/services";
import { startNextServer } from "./next-server";

// A production server on a free port with a fresh database; torn down (and the database dropped)
// when the run ends. The base URL reaches the test workers through process.env.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const postgres = await findAdminPostgres();
  const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
  const web = await startNextServer({ databaseUrl: database.url, name: "e2e-web" });
  process.env.E2E_BASE_URL = web.baseUrl;
  process.env.E2E_DATABASE_URL = database.url;
  return async () => {
    await web.stop();
    await database.drop();
    await postgres.stop();
  };
}
