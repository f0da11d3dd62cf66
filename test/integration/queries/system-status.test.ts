import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { parseEnv } from "../../../lib/env";
import { getSystemStatus } from "../../../lib/queries/system-status";
import { integrationServices } from "../../support/integration-context";

integrationServices();
const ids = [`dash-test-alive-${process.pid}`, `dash-test-stale-${process.pid}`];

afterAll(async () => {
  await getDb().workerHeartbeat.deleteMany({ where: { workerId: { in: ids } } });
});

describe("getSystemStatus", () => {
  it("names the backends and tells live workers from stale ones", async () => {
    const db = getDb();
    const now = new Date();
    await db.workerHeartbeat.createMany({
      data: [
        {
          workerId: ids[0] as string,
          hostname: "h1",
          queueBackend: "postgres",
          startedAt: now,
          lastSeenAt: new Date(now.getTime() - 10_000),
        },
        {
          workerId: ids[1] as string,
          hostname: "h2",
          queueBackend: "postgres",
          startedAt: now,
          lastSeenAt: new Date(now.getTime() - 600_000),
        },
      ],
    });
    const status = await getSystemStatus({ db, env: parseEnv({ DATABASE_URL: process.env.DATABASE_URL }), now });
    expect(status.database.kind).toBe("external");
    expect(status.queue.kind).toBe("postgres");
    const mine = status.workers.filter((w) => ids.includes(w.workerId)).map((w) => [w.workerId, w.alive]);
    expect(mine).toEqual([
      [ids[0], true],
      [ids[1], false],
    ]);
  });
});
