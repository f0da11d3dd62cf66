// npm run sim -- --routers N --port P [--export FILE [--lenient]] [--clients C] [--seed S] [--time-scale X]
//               [--fleet FILE] [--control-port P] [--version 6.49|7.19|6.40] [--visibility-delay MS]
// Prints one line per router and runs until SIGINT/SIGTERM.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startControlServer } from "./control/http-control";
import { readFleetFile } from "./control/fleet-file";
import { Fleet, type RouterSpec } from "./fleet";
import { ExportScriptError } from "./model/export/script-error";
import { VERSION_NAMES, type VersionName } from "./model/personality";

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} expects a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      routers: { type: "string" },
      port: { type: "string" },
      export: { type: "string" },
      clients: { type: "string" },
      seed: { type: "string" },
      "time-scale": { type: "string" },
      fleet: { type: "string" },
      "control-port": { type: "string" },
      version: { type: "string" },
      "visibility-delay": { type: "string" },
      lenient: { type: "boolean" },
    },
    strict: true,
  });
  const timeScaleText = values["time-scale"];
  let timeScale = timeScaleText === undefined ? 1 : Number(timeScaleText);
  if (!(timeScale > 0)) fail(`--time-scale expects a positive number, got "${timeScaleText}"`);
  let seed = intOption(values.seed, "seed", 1);
  const basePort = intOption(values.port, "port", 0);
  let specs: RouterSpec[];
  if (values.fleet !== undefined) {
    const { file, routers } = readFleetFile(values.fleet);
    seed = values.seed === undefined ? (file.seed ?? seed) : seed;
    timeScale = timeScaleText === undefined ? (file.timeScale ?? timeScale) : timeScale;
    specs = routers.flatMap((r, i) =>
      Array.from({ length: r.count }, (_, k) => ({
        name:
          r.count === 1
            ? (r.name ?? `gw-${String(i + 1).padStart(3, "0")}`)
            : `${r.name ?? `gw-${i + 1}`}-${String(k + 1).padStart(3, "0")}`,
        version: r.version,
        script: r.exportPath === undefined ? undefined : readFileSync(r.exportPath, "utf8"),
        scriptSource: r.exportPath,
        clients: r.clients,
        mix: r.behaviours,
        listVisibilityDelayMs: r.listVisibilityDelayMs,
        user: r.user,
        password: r.password,
        tlsMode: r.tlsMode,
        faults: r.faults,
        services: r.services,
        lenient: r.lenient || values.lenient === true,
        apiTimeouts: r.apiTimeouts,
      })),
    );
  } else {
    const count = intOption(values.routers, "routers", 1);
    const version = (values.version ?? "6.49") as VersionName;
    if (!VERSION_NAMES.includes(version)) fail(`--version expects one of ${VERSION_NAMES.join(", ")}`);
    const script = values.export === undefined ? undefined : readFileSync(values.export, "utf8");
    specs = Array.from({ length: count }, (_, i) => ({
      name: `gw-${String(i + 1).padStart(3, "0")}`,
      version,
      script,
      scriptSource: values.export,
      clients: intOption(values.clients, "clients", 50),
      listVisibilityDelayMs: intOption(values["visibility-delay"], "visibility-delay", 30),
      lenient: values.lenient === true,
    }));
  }
  const fleet = await Fleet.start({ routers: specs, seed, timeScale, serve: { basePort } });
  fleet.startRealTime();
  // what an export held that the simulator skipped or ignores, once per export
  const reported = new Set<string>();
  for (const r of fleet.routers) {
    const { skipped, ignored } = r.router.dataplane.config.report;
    const key = r.spec.scriptSource ?? "default";
    if (reported.has(key) || skipped.length + ignored.length === 0) continue;
    reported.add(key);
    for (const s of skipped) process.stderr.write(`sim: ${key}: line ${s.line}: skipped ${s.construct}: ${s.message}\n`);
    for (const i of ignored) process.stderr.write(`sim: ${key}: line ${i.line}: ignored ${i.construct} (${i.reason})\n`);
  }
  for (const r of fleet.routers) {
    process.stdout.write(
      `router ${r.name} api=${r.apiPort} api-ssl=${r.apiSslPort} user=${r.user} password=${r.password} version=${r.router.version().split(" ")[0]}\n`,
    );
  }
  const controlPort = values["control-port"];
  const control =
    controlPort === undefined ? undefined : await startControlServer({ fleet, port: intOption(controlPort, "control-port", 0) });
  if (control) process.stdout.write(`control http://127.0.0.1:${control.port}\n`);
  const stop = (): void => {
    void Promise.all([fleet.close(), control?.close()]).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof ExportScriptError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
