import { createRequire } from "node:module";
import { spawnManaged, stopManaged } from "../../lib/cli/child-process";
import { waitForHttp } from "../../lib/cli/wait-for-http";
import { freePort } from "./free-port";

/** `next start` of an existing production build on 127.0.0.1 and a free port, against one database. */
export async function startNextServer(options: {
  databaseUrl: string;
  name: string;
  distDir?: string;
  nodeArgs?: string[];
  /** Extra environment (a spec with its own worker gives its web server that worker's QUEUE_PREFIX). */
  env?: Record<string, string>;
}): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const web = spawnManaged({
    name: options.name,
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    env: {
      ...process.env,
      ...(options.distDir ? { NEXT_DIST_DIR: options.distDir } : {}),
      DATABASE_URL: options.databaseUrl,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    quiet: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp({ url: `${baseUrl}/status`, timeoutMs: 60_000 });
  } catch (error) {
    await stopManaged({ managed: web });
    throw error;
  }
  return { baseUrl, stop: () => stopManaged({ managed: web }) };
}
