import type { Db } from "../db";
import { Prisma, tsParam } from "../db/sql";

// Each worker counts its polls in memory and adds them to its own row every few seconds (one
// statement, no shared hot row); /metrics sums the rows. Counters only grow: rows of workers gone
// for a week are folded into one "retired" row in the same statement that removes them.

/** Upper bounds (seconds) of the poll-lag histogram's buckets; a last bucket takes the rest (+Inf). */
export const LAG_BUCKETS_SEC = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;
export const RETIRED_WORKER = "retired";
const RETIRE_AFTER_MS = 7 * 86_400_000;

export type PollCountsDelta = { polls: number; failures: number; lagBuckets: number[]; lagSumSec: number };

export type PollCounters = {
  /** A poll that reached (or tried to reach) its router; `lagSec` from its slot to stored, when stored. */
  record: (poll: { failed: boolean; lagSec: number | null }) => void;
  /** Adds what was counted since the last flush to the worker's row; on failure the counts are kept for the next one. */
  flush: (options: { db: Db; now: Date }) => Promise<void>;
};

const emptyDelta = (): PollCountsDelta => ({ polls: 0, failures: 0, lagBuckets: LAG_BUCKETS_SEC.map(() => 0).concat(0), lagSumSec: 0 });

/** Index of the bucket a lag falls in (the last one is +Inf). */
export function lagBucket(lagSec: number): number {
  const i = LAG_BUCKETS_SEC.findIndex((bound) => lagSec <= bound);
  return i === -1 ? LAG_BUCKETS_SEC.length : i;
}

export function pollCounters(options: { workerId: string }): PollCounters {
  let pending = emptyDelta();
  return {
    record({ failed, lagSec }) {
      pending.polls += 1;
      if (failed) pending.failures += 1;
      if (lagSec !== null) {
        const lag = Math.max(0, lagSec);
        pending.lagBuckets[lagBucket(lag)]! += 1;
        pending.lagSumSec += lag;
      }
    },
    async flush({ db, now }) {
      const delta = pending;
      pending = emptyDelta();
      try {
        await addPollCounts({ db, workerId: options.workerId, delta, now });
      } catch (error) {
        // Put the counts back so nothing is lost; the next flush carries them.
        pending.polls += delta.polls;
        pending.failures += delta.failures;
        pending.lagSumSec += delta.lagSumSec;
        delta.lagBuckets.forEach((n, i) => (pending.lagBuckets[i]! += n));
        throw error;
      }
    },
  };
}

// Element-wise sum of the stored and the added bucket counts (fixed SQL, no input in it).
const SUM_BUCKETS = Prisma.raw(
  "(SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}') FROM unnest(c.lag_buckets, excluded.lag_buckets) WITH ORDINALITY AS u(x, y, i))",
);

export async function addPollCounts(options: { db: Db; workerId: string; delta: PollCountsDelta; now: Date }): Promise<void> {
  const { db, workerId, delta, now } = options;
  const cutoff = new Date(now.getTime() - RETIRE_AFTER_MS);
  const buckets = `{${delta.lagBuckets.map((n) => Math.round(n)).join(",")}}`;
  await db.$executeRaw`
    WITH mine AS (
      INSERT INTO worker_poll_counters AS c (worker_id, polls, failures, lag_buckets, lag_sum_sec, updated_at)
      VALUES (${workerId}, ${delta.polls}, ${delta.failures}, ${buckets}::bigint[], ${delta.lagSumSec}, ${tsParam(now)})
      ON CONFLICT (worker_id) DO UPDATE SET polls = c.polls + excluded.polls, failures = c.failures + excluded.failures,
        lag_buckets = ${SUM_BUCKETS},
        lag_sum_sec = c.lag_sum_sec + excluded.lag_sum_sec, updated_at = excluded.updated_at
      RETURNING 1
    ), gone AS (
      DELETE FROM worker_poll_counters WHERE updated_at < ${tsParam(cutoff)} AND worker_id NOT IN (${RETIRED_WORKER}, ${workerId})
      RETURNING polls, failures, lag_buckets, lag_sum_sec
    ), gone_buckets AS (
      SELECT coalesce(array_agg(n ORDER BY i), '{}') AS b FROM (SELECT i, sum(x)::bigint AS n FROM gone, unnest(gone.lag_buckets) WITH ORDINALITY AS u(x, i) GROUP BY i) t
    )
    INSERT INTO worker_poll_counters AS c (worker_id, polls, failures, lag_buckets, lag_sum_sec, updated_at)
    SELECT ${RETIRED_WORKER}, sum(polls), sum(failures), (SELECT b FROM gone_buckets), sum(lag_sum_sec), ${tsParam(now)} FROM gone HAVING count(*) > 0
    ON CONFLICT (worker_id) DO UPDATE SET polls = c.polls + excluded.polls, failures = c.failures + excluded.failures,
      lag_buckets = ${SUM_BUCKETS}, lag_sum_sec = c.lag_sum_sec + excluded.lag_sum_sec, updated_at = excluded.updated_at`;
}
