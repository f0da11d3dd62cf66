/** The key test routers' passwords are encrypted with; shared by tests and the workers they start. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 0x5a);

import { spawnManaged, stopManaged, type ManagedChild } from "../../lib/cli/child-process";

/** Run `workers/main.ts` as a real separate process against the given services. */
export function startWorkerProcess(options: {
  databaseUrl: string;
  redisUrl: string | null;
  queuePrefix: string;
  extraEnv?: Record<string, string>;
}): ManagedChild & { output: string[]; stop: () => Promise<void> } {
  const output: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    QUEUE_PREFIX: options.queuePrefix,
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    WANSCOPE_SECRET_KEY: TEST_SECRET_KEY.toString("base64"),
    ...options.extraEnv,
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const managed = spawnManaged({
    name: "worker",
    command: process.execPath,
    args: ["--import", "tsx", "workers/main.ts"],
    env,
    quiet: true,
    onLine: (line) => output.push(line),
  });
  return { ...managed, output, stop: () => stopManaged({ managed }) };
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  options: { timeoutMs: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
