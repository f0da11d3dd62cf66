import { spawnManaged, type ManagedChild } from "./child-process";

// The demo's fleet runs as its own process (sim/cli.ts) and is reached over TCP like real routers;
// this only reads the lines the simulator prints about itself.

export type SimRouterLine = { name: string; apiPort: number; apiSslPort: number; user: string; password: string; version: string };

const ROUTER_LINE = /^router (\S+) api=(\d+) api-ssl=(\d+) user=(\S+) password=(\S+) version=(\S+)$/;

export function parseSimRouterLine(line: string): SimRouterLine | null {
  const m = ROUTER_LINE.exec(line.trim());
  if (!m) return null;
  return { name: m[1]!, apiPort: Number(m[2]), apiSslPort: Number(m[3]), user: m[4]!, password: m[5]!, version: m[6]! };
}

export async function startSimFleet(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  expect?: number;
  timeoutMs?: number;
}): Promise<{ child: ManagedChild; routers: SimRouterLine[]; controlUrl: string | null }> {
  const routers: SimRouterLine[] = [];
  let controlUrl: string | null = null;
  let ready: () => void = () => {};
  const done = new Promise<void>((resolve) => (ready = resolve));
  const child = spawnManaged({
    name: "sim",
    command: process.execPath,
    args: ["--import", "tsx", "sim/cli.ts", ...options.args],
    env: options.env,
    quiet: true,
    onLine: (line) => {
      const router = parseSimRouterLine(line);
      if (router) routers.push(router);
      const control = /^control (http:\/\/\S+)/.exec(line);
      if (control) controlUrl = control[1] ?? null;
      if (line.startsWith("sim:")) process.stderr.write(`${line}\n`);
      if (control || (options.expect !== undefined && routers.length >= options.expect && !options.args.includes("--control-port")))
        ready();
    },
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("the simulated fleet did not start in time")), options.timeoutMs ?? 60_000).unref(),
  );
  const exited = child.exited.then((code) => {
    throw new Error(`the simulated fleet exited with ${code} before it was ready`);
  });
  await Promise.race([done, timeout, exited]);
  return { child, routers, controlUrl };
}
