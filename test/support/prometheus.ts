import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnManaged, stopManaged } from "../../lib/cli/child-process";
import { freePort } from "../e2e/free-port";
import { waitFor } from "./worker-process";

// A real Prometheus (Debian's `prometheus` package) on a free loopback port, scraping one target
// every second with a bearer token, its data in a temporary folder removed on stop.

export type PromSample = { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] };

export async function startPrometheus(options: { target: string; token: string; binary?: string }) {
  const dir = mkdtempSync(join(tmpdir(), "wanscope-prom-"));
  const port = await freePort();
  writeFileSync(join(dir, "token"), options.token, { mode: 0o600 });
  writeFileSync(
    join(dir, "prometheus.yml"),
    [
      "global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }",
      "scrape_configs:",
      "  - job_name: wanscope",
      "    metrics_path: /metrics",
      `    authorization: { type: Bearer, credentials_file: ${join(dir, "token")} }`,
      `    static_configs: [{ targets: ["${options.target}"] }]`,
      "",
    ].join("\n"),
  );
  const output: string[] = [];
  const child = spawnManaged({
    name: "prometheus",
    command: options.binary ?? "/usr/bin/prometheus",
    args: [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    env: { ...process.env },
    quiet: true,
    onLine: (l) => output.push(l),
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopManaged({ managed: child });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${base}/-/ready`).catch(() => null))?.ok, {
      timeoutMs: 30_000,
      what: `Prometheus ready (${output.slice(-3).join(" | ")})`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  /** An instant PromQL query; `time` in Unix seconds. */
  const query = async (promql: string, time?: number): Promise<PromSample[]> => {
    const url = new URL(`${base}/api/v1/query`);
    url.searchParams.set("query", promql);
    if (time !== undefined) url.searchParams.set("time", String(time));
    const body = (await (await fetch(url)).json()) as { status: string; error?: string; data: { result: PromSample[] } };
    if (body.status !== "success") throw new Error(`PromQL ${promql}: ${body.error}`);
    return body.data.result;
  };
  const targetHealth = async (): Promise<{ health: string; lastError: string } | undefined> => {
    const body = (await (await fetch(`${base}/api/v1/targets`)).json()) as {
      data: { activeTargets: { health: string; lastError: string }[] };
    };
    return body.data.activeTargets[0];
  };
  return { base, query, targetHealth, stop, output };
}
