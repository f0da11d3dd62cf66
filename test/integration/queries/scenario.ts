import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { getDb, type Db } from "../../../lib/db";
import { createDashboardScenario, type DashboardScenario } from "../../factories/dashboard-scenario";
import { integrationServices } from "../../support/integration-context";

/** Creates the known fleet once for a test file (names unique to it) and removes it afterwards. */
export function withDashboardScenario(): { db: () => Db; scenario: () => DashboardScenario; prefix: string } {
  integrationServices();
  const prefix = `q${randomBytes(4).toString("hex")}`;
  let scenario: DashboardScenario | undefined;
  beforeAll(async () => {
    scenario = await createDashboardScenario({ db: getDb(), now: new Date(Math.floor(Date.now() / 1000) * 1000), prefix });
  });
  afterAll(async () => {
    await scenario?.remove();
  });
  return {
    db: getDb,
    prefix,
    scenario: () => {
      if (!scenario) throw new Error("scenario not created");
      return scenario;
    },
  };
}
