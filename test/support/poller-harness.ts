import { pino } from "pino";
import type { Db } from "../../lib/db";
import { addRouter } from "../../lib/routers";
import { RouterSessionManager } from "../../lib/routeros";
import { pollAndStoreRouter, type PollOutcome } from "../../lib/poller";
import type { Fleet } from "../../sim/fleet";
import { TEST_SECRET_KEY } from "./worker-process";

export const quietLog = pino({ level: "silent" });

/** Register a simulated router with WANscope exactly as an operator would (address, port, credentials). */
export async function addSimRouter(options: {
  db: Db;
  fleet: Fleet;
  name: string;
  prefix: string;
  pollIntervalSec?: number;
}): Promise<number> {
  const sim = options.fleet.get(options.name);
  const router = await addRouter({
    db: options.db,
    secretKey: TEST_SECRET_KEY,
    input: {
      name: `${options.prefix}-${options.name}`,
      host: "127.0.0.1",
      port: sim.apiPort,
      username: sim.user,
      password: sim.password,
      pollIntervalSec: options.pollIntervalSec ?? 10,
    },
  });
  return router.id;
}

export function makePoller(db: Db, commandTimeoutMs = 3000) {
  const sessions = new RouterSessionManager({
    commandTimeoutMs,
    connectTimeoutMs: commandTimeoutMs,
    logger: quietLog,
    backoff: { baseMs: 50, capMs: 200 },
  });
  return {
    sessions,
    poll: (routerId: number, at: Date): Promise<PollOutcome> =>
      pollAndStoreRouter({ db, sessions, secretKey: TEST_SECRET_KEY, routerId, at, now: at, log: quietLog }),
  };
}
