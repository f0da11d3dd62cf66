// `npm test`: typecheck, lint, unit + integration (vitest), browser tests (Playwright on Debian's
// Chromium against a production build). Prints each stage, then the total as its last line.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";

type Tally = { passed: number; failed: number; skipped: number };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const stages: string[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function record(stage: string, tally: Tally): void {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  stages.push(`${stage}: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
}

function readJson(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  mkdirSync(".cache", { recursive: true });
  const bin = (name: string) => `node_modules/.bin/${name}`;

  const typecheck = await run(bin("tsc"), ["--noEmit", "-p", "."]);
  record("typecheck", typecheck === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });

  // Lint includes formatting, checked, not fixed: `npm run format` rewrites the tree.
  const eslint = await run(bin("eslint"), [".", "--max-warnings=0"]);
  const format = await run(bin("prettier"), ["--check", "--log-level=warn", "."]);
  record("lint", eslint === 0 && format === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });

  // The production build is what the browser tests and the demo test exercise.
  rmSync(".cache/next-test", { recursive: true, force: true });
  const build = await run(bin("next"), ["build"], { NEXT_DIST_DIR: ".cache/next-test" });
  record("build", build === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });

  const vitestReport = ".cache/vitest-report.json";
  rmSync(vitestReport, { force: true });
  const vitest = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], {
    NEXT_DIST_DIR: ".cache/next-test",
  });
  const v = readJson(vitestReport);
  if (v) {
    record("unit + integration", {
      passed: Number(v.numPassedTests ?? 0),
      failed: Number(v.numFailedTests ?? 0) + (vitest !== 0 && Number(v.numFailedTests ?? 0) === 0 ? 1 : 0),
      skipped: Number(v.numPendingTests ?? 0) + Number(v.numTodoTests ?? 0),
    });
  } else {
    record("unit + integration", { passed: 0, failed: 1, skipped: 0 });
  }

  const playwrightReport = ".cache/playwright-report.json";
  rmSync(playwrightReport, { force: true });
  if (build === 0) {
    const e2e = await run(bin("playwright"), ["test"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      NEXT_DIST_DIR: ".cache/next-test",
    });
    const p = readJson(playwrightReport) as { stats?: { expected?: number; unexpected?: number; skipped?: number; flaky?: number } } | null;
    if (p?.stats) {
      record("browser", {
        passed: (p.stats.expected ?? 0) + (p.stats.flaky ?? 0),
        failed: (p.stats.unexpected ?? 0) + (e2e !== 0 && !p.stats.unexpected ? 1 : 0),
        skipped: p.stats.skipped ?? 0,
      });
    } else {
      record("browser", { passed: 0, failed: 1, skipped: 0 });
    }
  } else {
    record("browser (not run: build failed)", { passed: 0, failed: 1, skipped: 0 });
  }

  process.stdout.write(`\n${stages.join("\n")}\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}\n`);
  process.exit(total.failed > 0 ? 1 : 0);
}

void main();
