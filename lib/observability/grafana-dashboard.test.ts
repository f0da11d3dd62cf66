import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildMetricsRegistry } from "./render-metrics";

// docs/grafana/wanscope-fleet.json must stay true to /metrics: every query parses as PromQL
// (promtool checks them as recording rules) and names only metrics the exposition has.
type Panel = { title: string; targets?: { expr: string }[] };
const dashboard = JSON.parse(readFileSync("docs/grafana/wanscope-fleet.json", "utf8")) as { panels: Panel[] };
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
const concrete = (expr: string) => expr.replaceAll("$__rate_interval", "1m").replaceAll("$router", ".*");

describe("the Grafana dashboard", () => {
  it("has queries, and every one is valid PromQL", () => {
    expect(exprs.length).toBeGreaterThan(15);
    const dir = mkdtempSync(join(tmpdir(), "wanscope-grafana-"));
    try {
      const rules = exprs
        .map((e, i) => `      - record: wanscope_dashboard_check_${i}\n        expr: ${JSON.stringify(concrete(e.expr))}`)
        .join("\n");
      writeFileSync(join(dir, "rules.yml"), `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
      execFileSync("promtool", ["check", "rules", join(dir, "rules.yml")], { encoding: "utf8" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uses only metrics that /metrics exports", async () => {
    const text = await buildMetricsRegistry({
      now: new Date(),
      routers: [],
      openAlerts: [],
      workers: { workers: [], polls: { polls: 0, failures: 0, lagBuckets: [], lagSumSec: 0 } },
      queues: [],
      clients: null,
      scrapeErrors: [],
    }).metrics();
    const exported = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\S+)/gm)].flatMap(([, name, type]) =>
        type === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
      ),
    );
    for (const { panel, expr } of exprs)
      for (const [name] of expr.matchAll(/wanscope_[a-z_]+/g)) expect(exported, `${panel}: ${name}`).toContain(name);
  });
});
