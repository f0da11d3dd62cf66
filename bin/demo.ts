// `npm run demo`: the whole product on one machine with nothing but Node. Embedded Postgres and the
// PostgreSQL queue backend unless DATABASE_URL / REDIS_URL say otherwise; migrations; a simulated
// fleet; the workers; and the production dashboard.
import { createRequire } from "node:module";
import { getEnv } from "../lib/env";
import { migrateDatabase } from "../lib/db";
import { connectServices } from "../lib/runtime/connect-services";
import { resolveSecretKey } from "../lib/crypto/secret-key";
import { exitWithError } from "../lib/cli-errors";
import { needsBuild } from "../lib/cli/build-freshness";
import { spawnManaged, stopManaged, type ManagedChild } from "../lib/cli/child-process";
import { waitForHttp } from "../lib/cli/wait-for-http";
import { startSimFleet } from "../lib/cli/sim-fleet-process";
import { upsertRouterConnection } from "../lib/routers";
import { getDb, disconnectDb } from "../lib/db";
import { parseArgs } from "node:util";
import { dirname, join } from "node:path";
import { ensureDemoUsers } from "../lib/auth";
import { loadDemoCredentials, saveDemoCredentials } from "../lib/cli/demo-credentials";

const require = createRequire(import.meta.url);
const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

/** Demo users are made on first start; their generated passwords are kept in the demo's data folder. */
async function announceDemoUsers(file: string): Promise<void> {
  const created = await ensureDemoUsers({ ctx: { db: getDb() } });
  if (created.length > 0)
    saveDemoCredentials(
      file,
      created.map((u) => ({ email: u.email, role: u.role, password: u.password })),
    );
  const known = loadDemoCredentials(file);
  for (const u of known) say(`sign in as ${u.email} (${u.role}) with password ${u.password}`);
  if (known.length === 0)
    say("demo users exist but their passwords are not in " + file + "; reset them with `npm run wanscope -- user add`");
}

async function main(): Promise<void> {
  // --dev (npm run dev): `next dev` with hot reload instead of the production build.
  const { values: flags } = parseArgs({
    options: {
      fleet: { type: "string", default: "sim/fleets/mixed.yaml" },
      "no-sim": { type: "boolean", default: false },
      dev: { type: "boolean", default: false },
    },
  });
  const env = getEnv();
  const secret = resolveSecretKey({ fromEnv: env.WANSCOPE_SECRET_KEY, keyFile: env.WANSCOPE_SECRET_KEY_FILE, allowGenerate: true });
  if (secret.generated)
    say(`no WANSCOPE_SECRET_KEY given: generated one and keeps it in ${secret.source} (set WANSCOPE_SECRET_KEY in production)`);

  const services = await connectServices({ env, callerHandlesSignals: true });
  say(`database: ${services.database.kind === "embedded" ? `embedded Postgres in ${env.EMBEDDED_PG_DIR}` : "Postgres from DATABASE_URL"}`);
  say(`queue: ${services.queue.describe}`);
  await migrateDatabase({ url: services.database.url, quiet: true });
  say("migrations applied");
  await announceDemoUsers(join(dirname(env.EMBEDDED_PG_DIR), "demo-users.json"));

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    WANSCOPE_SECRET_KEY: secret.key.toString("base64"),
    NODE_ENV: flags.dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Children resolve the database the same way we did: the embedded one is found already running.
  if (services.database.kind === "embedded") delete childEnv.DATABASE_URL;
  const children: ManagedChild[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    for (const child of children.reverse()) await stopManaged({ managed: child });
    await services.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  if (!flags["no-sim"]) {
    // The demo's routers are simulated, but reached exactly like real ones: over the API on TCP.
    const sim = await startSimFleet({
      args: ["--fleet", flags.fleet ?? "", "--port", "0", "--control-port", "0"],
      env: { ...childEnv, LOG_LEVEL: "warn" },
    });
    children.push(sim.child);
    for (const r of sim.routers) {
      await upsertRouterConnection({
        db: getDb(),
        secretKey: secret.key,
        input: {
          name: r.name,
          host: "127.0.0.1",
          port: r.apiPort,
          username: r.user,
          password: r.password,
          pollIntervalSec: env.POLL_INTERVAL_SEC,
        },
      });
    }
    await disconnectDb();
    say(`simulated fleet: ${sim.routers.length} routers from ${flags.fleet} (fault control: ${sim.controlUrl ?? "off"})`);
  }

  const nextBin = require.resolve("next/dist/bin/next");
  if (!flags.dev && needsBuild({ distDir: process.env.NEXT_DIST_DIR || ".next", sourceDirs: ["app", "components", "lib"] })) {
    say("building the dashboard (next build)…");
    const build = spawnManaged({ name: "build", command: process.execPath, args: [nextBin, "build"], env: childEnv, quiet: true });
    if ((await build.exited) !== 0) throw new Error("next build failed; run `npm run build` to see why");
  }

  children.push(
    spawnManaged({
      name: "worker",
      command: process.execPath,
      args: ["--import", "tsx", "workers/main.ts"],
      env: { ...childEnv, WANSCOPE_SERVICE: "worker" },
    }),
  );
  const web = spawnManaged({
    name: "web",
    command: process.execPath,
    args: [nextBin, flags.dev ? "dev" : "start", "-p", String(env.PORT), "-H", env.HOST],
    env: { ...childEnv, WANSCOPE_SERVICE: "web" },
    quiet: true,
  });
  children.push(web);
  for (const child of children) void child.exited.then((code) => !stopping && (say(`${child.name} exited with ${code}`), void stopAll(1)));

  await waitForHttp({ url: `http://127.0.0.1:${env.PORT}/status`, timeoutMs: flags.dev ? 180_000 : 60_000 }); // dev compiles on first request
  say(`dashboard ready: http://localhost:${env.PORT}`);
}

main().catch(exitWithError);
