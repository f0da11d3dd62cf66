import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../../../lib/db";
import { pollCounters, RETIRED_WORKER, LAG_BUCKETS_SEC } from "../../../lib/observability/poll-counters";
import { readWorkerFigures } from "../../../lib/queries/metrics-snapshot";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import type { TestDatabase } from "../../support/services";

// Workers' poll counters in Postgres: flushes add up, sums over workers only grow, and rows of workers
// gone for a week fold into the retired row without changing the sums.
integrationServices();
let database: TestDatabase;
const db = () => getDb();
const day = 86_400_000;
const t0 = Date.UTC(2026, 11, 3, 9, 0, 0);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("poll counters", () => {
  it("sum over workers, keep growing, and fold gone workers into one retired row", async () => {
    database = await useOwnDatabase();
    const a = pollCounters({ workerId: "worker-a" });
    const b = pollCounters({ workerId: "worker-b" });
    a.record({ failed: false, lagSec: 0.02 });
    a.record({ failed: false, lagSec: 0.7 });
    a.record({ failed: true, lagSec: null });
    b.record({ failed: false, lagSec: 120 });
    await a.flush({ db: db(), now: new Date(t0) });
    await b.flush({ db: db(), now: new Date(t0) });
    a.record({ failed: false, lagSec: 0.03 });
    await a.flush({ db: db(), now: new Date(t0 + 5000) });
    const first = await readWorkerFigures({ db: db(), now: new Date(t0 + 5000) });
    expect(first.polls).toMatchObject({ polls: 5, failures: 1 });
    expect(first.polls.lagSumSec).toBeCloseTo(0.02 + 0.7 + 120 + 0.03, 6);
    expect(first.polls.lagBuckets).toHaveLength(LAG_BUCKETS_SEC.length + 1);
    expect(first.polls.lagBuckets[0]).toBe(2);
    expect(first.polls.lagBuckets[4]).toBe(1); // 0.7 s ≤ 1 s
    expect(first.polls.lagBuckets[LAG_BUCKETS_SEC.length]).toBe(1); // 120 s: +Inf

    // Eight days on, worker b is long gone: a's flush folds b into "retired"; nothing is lost.
    a.record({ failed: false, lagSec: 0.01 });
    await a.flush({ db: db(), now: new Date(t0 + 8 * day) });
    const rows = await db().workerPollCounters.findMany({ orderBy: { workerId: "asc" } });
    expect(rows.map((r) => r.workerId)).toEqual([RETIRED_WORKER, "worker-a"]);
    const later = await readWorkerFigures({ db: db(), now: new Date(t0 + 8 * day) });
    expect(later.polls).toMatchObject({ polls: 6, failures: 1 });
    expect(later.polls.lagBuckets[0]).toBe(3);
    expect(later.polls.lagBuckets[LAG_BUCKETS_SEC.length]).toBe(1);
  });
});
