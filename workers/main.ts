// Worker process entry point: `npm run worker`. Polls routers, runs actions and alerts.
import { getEnv } from "../lib/env";
import { getDb, disconnectDb, migrateDatabase } from "../lib/db";
import { connectServices } from "../lib/runtime-services";
import { log } from "../lib/log";
import { exitWithError } from "../lib/cli-errors";
import { startWorkerRuntime } from "./runtime";

async function main(): Promise<void> {
  const env = getEnv();
  const services = await connectServices(env);
  if (services.database.kind === "embedded") await migrateDatabase(services.database.url, { quiet: true });
  const runtime = await startWorkerRuntime({ db: getDb(), backend: services.queue, log, pollConcurrency: env.WORKER_CONCURRENCY });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: "worker.stopping", signal }, "finishing running jobs");
    await runtime.close();
    await disconnectDb();
    await services.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch(exitWithError);
