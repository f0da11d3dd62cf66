import type { Db } from "../db";
import { log } from "../log";
import { countOpenAlertsByRule, readClientLists, readMetricsRouters, readWorkerFigures } from "../queries/metrics-snapshot";
import { buildMetricsRegistry, QUEUE_STATES, type QueueDepth } from "./render-metrics";
import type { QueueHandle } from "../queue/backend";

/** One scrape: reads Postgres (and the queue store for its depth) in parallel and renders the text format. */
export async function collectMetrics(options: {
  db: Db;
  now: Date;
  queues: QueueHandle[];
  clientSeriesMax: number;
}): Promise<{ contentType: string; body: string }> {
  const { db, now } = options;
  const scrapeErrors: string[] = [];
  const soft = <T>(part: string, promise: Promise<T>): Promise<T | null> =>
    promise.catch((error: unknown) => {
      // A queue store that does not answer must not take the whole scrape down with it.
      scrapeErrors.push(part);
      log.warn(
        { event: "metrics.part_failed", part, err: error instanceof Error ? error.message : String(error) },
        "metrics part not read",
      );
      return null;
    });
  const [routers, openAlerts, workers, queues, clients] = await Promise.all([
    readMetricsRouters({ db }),
    countOpenAlertsByRule({ db }),
    readWorkerFigures({ db, now }),
    soft("queues", queueDepths(options.queues)),
    options.clientSeriesMax > 0 ? soft("clients", readClientLists({ db, max: options.clientSeriesMax })) : Promise.resolve(null),
  ]);
  const registry = buildMetricsRegistry({
    now,
    routers,
    openAlerts,
    workers,
    queues,
    clients: clients ? { max: options.clientSeriesMax, ...clients } : null,
    scrapeErrors,
  });
  return { contentType: registry.contentType, body: await registry.metrics() };
}

async function queueDepths(queues: QueueHandle[]): Promise<QueueDepth[]> {
  return Promise.all(queues.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })));
}
