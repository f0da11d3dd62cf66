// Worker process entry point: `npm run worker`. Polls routers, runs actions and alerts.
import { getEnv } from "../lib/env";
import { getDb, disconnectDb, migrateDatabase } from "../lib/db";
import { connectServices, type Services } from "../lib/runtime/connect-services";
import { log } from "../lib/log";
import { exitWithError } from "../lib/cli-errors";
import { startWorkerRuntime, type WorkerRuntime } from "./runtime";
import { resolveSecretKey } from "../lib/crypto/secret-key";

let services: Services | undefined;
let runtime: WorkerRuntime | undefined;
let stopping = false;

// Installed before anything starts, so a SIGTERM during start-up also shuts down cleanly.
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ event: "worker.stopping", signal }, "finishing running jobs");
  // Jobs cut short here are retried by another worker (stalled-job recovery); don't hang forever.
  const forced = setTimeout(() => process.exit(1), 15_000);
  forced.unref();
  await runtime?.close();
  await disconnectDb();
  await services?.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

async function main(): Promise<void> {
  const env = getEnv();
  services = await connectServices({ env, callerHandlesSignals: true });
  if (services.database.kind === "embedded") await migrateDatabase({ url: services.database.url, quiet: true });
  if (stopping) return;
  const secret = resolveSecretKey({ fromEnv: env.WANSCOPE_SECRET_KEY, keyFile: env.WANSCOPE_SECRET_KEY_FILE, allowGenerate: false });
  runtime = await startWorkerRuntime({
    db: getDb(),
    backend: services.queue,
    log,
    pollConcurrency: env.WORKER_CONCURRENCY,
    secretKey: secret.key,
    settings: env,
  });
  if (stopping) await runtime.close();
}

main().catch(exitWithError);
