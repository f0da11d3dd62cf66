// `npm run wanscope -- <command>`: manage routers, users and the secret key from the shell. Every
// command answers --help with its usage (the table below); a wrong flag is one sentence and exit 2.
import { readFileSync, writeFileSync } from "node:fs";
import { getEnv } from "../lib/env";
import { disconnectDb, getDb, migrateDatabase, resolveDatabase } from "../lib/db";
import { resolveSecretKey } from "../lib/crypto/secret-key";
import { exitWithError } from "../lib/cli-errors";
import { ValidationError, NotFoundError } from "../lib/errors";
import { createRouter } from "../lib/routers/create-router";
import { probeRouter, type ConnectionFailure, type ConnectionReport } from "../lib/routers/test-connection";
import { routerConnectionSettings } from "../lib/routers/router-connection";
import { log } from "../lib/log";
import { RouterSession, RouterSessionManager, type PollSnapshot } from "../lib/routeros";
import { auditRouter } from "../lib/config-audit/audit-router";
import { formatAuditText } from "../lib/config-audit/format-text";
import { refreshRouterConfig } from "../lib/config-audit/refresh-config";
import { pollAndStoreRouter, saveDiscoveredSetup } from "../lib/poller";
import { createQueueBackend } from "../lib/queue/backend";
import { QUEUES } from "../lib/jobs";
import { readPassword } from "../lib/cli/read-password";
import { parseCli, type CliCommand, type CliValues } from "../lib/cli/cli-args";
import { createUser } from "../lib/auth";
import { rotateSecretKey } from "../lib/crypto/rotate-secret-key";
import { randomBytes } from "node:crypto";
import { tokenCommand } from "./token-command";

const PROGRAM = "npm run wanscope --";
const COMMANDS: CliCommand[] = [
  {
    name: "router add",
    synopsis:
      "--name N --host H [--port P] --user U [--tls none|verify_ca|pin_fingerprint|anonymous_dh] [--ca FILE] [--fingerprint SHA256] [--interval S] [--site S] [--tag T]...",
    summary: "add a router (its password is read from stdin or a hidden prompt), discover its WANs and schedule its polls",
    options: {
      name: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      user: { type: "string" },
      tls: { type: "string" },
      ca: { type: "string" },
      fingerprint: { type: "string" },
      interval: { type: "string" },
      site: { type: "string" },
      tag: { type: "string", multiple: true },
    },
    details: [
      "--port       API port (8728, or 8729 with TLS)",
      "--tls        verify_ca needs --ca, pin_fingerprint needs --fingerprint; anonymous_dh only by choice",
      "--interval   poll interval in seconds (POLL_INTERVAL_SEC by default)",
    ],
  },
  { name: "router list", synopsis: "", summary: "list routers with their address, status, WAN count and last poll" },
  {
    name: "router discover",
    synopsis: "",
    positionals: ["id|name"],
    summary: "re-read mangle, NAT and routes: which list, mark, table and gateway is which WAN",
  },
  { name: "router poll", synopsis: "", positionals: ["id|name"], summary: "poll a router once, store it and print what was read" },
  {
    name: "router audit",
    synopsis: "[--refresh] [--json]",
    positionals: ["id|name"],
    summary: "the configuration audit: findings with their evidence, explanations and fixes (as on the router's Configuration tab)",
    options: { refresh: { type: "boolean" }, json: { type: "boolean" } },
    details: [
      "--refresh    read the router's configuration now (a short session) instead of using the last read",
      "--json       the findings as JSON",
    ],
  },
  {
    name: "user add",
    synopsis: "--email E --name N --role viewer|operator|admin",
    summary: "add a user (the password is read from stdin or a hidden prompt)",
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  },
  {
    name: "token create",
    synopsis: "--name N --scope metrics|viewer|operator|admin [--expires ISO-8601]",
    summary: "make an API token for /api/v1 or /metrics; the token is printed once",
    options: { name: { type: "string" }, scope: { type: "string" }, expires: { type: "string" } },
  },
  { name: "token list", synopsis: "", summary: "list API tokens: scope, prefix, state, expiry, last use" },
  { name: "token revoke", synopsis: "", positionals: ["id|name"], summary: "revoke an API token at once" },
  {
    name: "secret rotate",
    synopsis: "",
    summary: "re-encrypt stored secrets with a new key (read from stdin, or generated and printed once)",
  },
];

const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function findRouter(ref: string | undefined) {
  if (!ref) throw new ValidationError("name the router: its id or name");
  const db = getDb();
  const router = /^\d+$/.test(ref)
    ? await db.router.findUnique({ where: { id: Number(ref) } })
    : await db.router.findUnique({ where: { name: ref } });
  if (!router) throw new NotFoundError(`router ${ref}`);
  return router;
}

async function main(): Promise<void> {
  const parsed = parseCli({ argv: process.argv.slice(2), program: PROGRAM, commands: COMMANDS });
  if (parsed.kind === "help") {
    out(parsed.text);
    return;
  }
  if (parsed.kind === "usage_error") {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(2);
  }
  const [area, command] = parsed.command.split(" ") as [string, string];
  if (area === "user" || area === "secret" || area === "token") return userOrSecret(area, command, parsed.values, parsed.positionals);
  const values = parsed.values as Record<string, string | undefined> & { tag?: string[] };
  const ref = parsed.positionals[0];
  const env = getEnv();
  const database = await resolveDatabase({ env });
  if (database.kind === "embedded") await migrateDatabase({ url: database.url, quiet: true });
  const db = getDb();
  const secret = () =>
    resolveSecretKey({ fromEnv: env.WANSCOPE_SECRET_KEY, keyFile: env.WANSCOPE_SECRET_KEY_FILE, allowGenerate: false }).key;
  const sessions = new RouterSessionManager({ commandTimeoutMs: env.POLL_TIMEOUT_MS, connectTimeoutMs: env.POLL_TIMEOUT_MS, logger: log });
  try {
    if (command === "add") {
      const password = await readPassword({ prompt: "Router password: " });
      // The same path as the admin UI: stored sealed, audited, discovered, schedules synced.
      const queues = createQueueBackend({ redisUrl: env.REDIS_URL, databaseUrl: database.url, prefix: env.QUEUE_PREFIX });
      const pollQueue = queues.createQueue(QUEUES.poll);
      try {
        const created = await createRouter({
          ctx: { db, secretKey: secret(), pollQueue, log },
          user: { id: null, email: "cli" },
          input: {
            name: values.name ?? "",
            host: values.host ?? "",
            port: values.port ? Number(values.port) : undefined,
            username: values.user ?? "",
            password,
            tlsMode: (values.tls ?? "none") as "none",
            tlsCaPem: values.ca ? readFileSync(values.ca, "utf8") : undefined,
            tlsFingerprint: values.fingerprint,
            pollIntervalSec: values.interval ? Number(values.interval) : env.POLL_INTERVAL_SEC,
            site: values.site,
            tags: values.tag ?? [],
          },
        });
        out(`added router ${created.name} (id ${created.id})`);
        printDiscovery(created.discovery);
        out(
          `polling every ${values.interval ?? env.POLL_INTERVAL_SEC} s${created.schedulesSynced ? "" : " (schedule set by the worker within a minute)"}`,
        );
      } finally {
        await pollQueue.close();
        await queues.close();
      }
    } else if (command === "list") {
      const routers = await db.router.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { wans: true } } } });
      if (routers.length === 0) out("no routers");
      for (const r of routers)
        out(
          `${r.id}\t${r.name}\t${r.host}:${r.port}\t${r.status}\t${r._count.wans} WANs\t${r.rosVersion ?? "?"}\tlast poll ${r.lastPollAt?.toISOString() ?? "never"}`,
        );
    } else if (command === "discover") {
      const router = await findRouter(ref);
      const outcome = await probeRouter({ settings: routerConnectionSettings(router, secret()), timeoutMs: env.POLL_TIMEOUT_MS, log });
      if (outcome.ok)
        await saveDiscoveredSetup({ db, routerId: router.id, setup: outcome.setup, version: outcome.report.version, now: new Date() });
      printDiscovery(outcome.ok ? outcome.report : outcome);
    } else if (command === "poll") {
      const router = await findRouter(ref);
      const now = new Date();
      const outcome = await pollAndStoreRouter({
        db,
        sessions,
        secretKey: secret(),
        routerId: router.id,
        at: now,
        now,
        log,
        onSnapshot: printSnapshot,
      });
      out(JSON.stringify(outcome, null, 2));
    } else if (command === "audit") {
      const router = await findRouter(ref);
      const now = new Date();
      let audit = parsed.values.refresh ? null : await auditRouter({ db, routerId: router.id, now });
      if (!audit) {
        // Never read yet, or asked to: read it now over a session of its own, logged out at once.
        const session = new RouterSession({
          ...routerConnectionSettings(router, secret()),
          commandTimeoutMs: env.POLL_TIMEOUT_MS,
          connectTimeoutMs: env.POLL_TIMEOUT_MS,
          logger: log,
        });
        try {
          audit = await refreshRouterConfig({ db, client: session, routerId: router.id, user: router.username, now, log });
        } finally {
          await session.close();
        }
      }
      out(parsed.values.json ? JSON.stringify(audit.report, null, 2) : formatAuditText({ name: router.name, audit, now }));
    } else {
      throw new ValidationError(`unknown command router ${command}`);
    }
  } finally {
    await sessions.closeAll();
    await disconnectDb();
    await database.embedded?.stop();
  }
}

function printDiscovery(discovery: ConnectionReport | ConnectionFailure): void {
  if (!discovery.ok) {
    out(`discovery failed (${discovery.code}): ${discovery.message}`);
    return;
  }
  out(`RouterOS ${discovery.version} (${discovery.identity}); balancing: ${discovery.balancingMethod}`);
  for (const wan of discovery.wans) {
    out(
      `  WAN ${wan.name}: interface ${wan.interface ?? "?"}, list ${wan.addressList ?? "-"}, gateway ${wan.gateway ?? "?"}, expected ${(wan.expectedWeight * 100).toFixed(0)}%`,
    );
  }
  for (const warning of discovery.warnings) out(`  warning: ${warning}`);
}

function printSnapshot(snapshot: PollSnapshot): void {
  out(`version ${snapshot.resource.version.raw}, uptime ${snapshot.resource.uptimeSeconds}s, cpu ${snapshot.resource.cpuLoadPercent}%`);
  out(
    `connections: total ${snapshot.connections?.total} ${JSON.stringify(snapshot.connections?.byMark)} unmarked ${snapshot.connections?.unmarked}`,
  );
  for (const list of snapshot.addressLists) out(`list ${list.list}: ${list.entries.length} entries`);
  for (const route of snapshot.routes ?? []) out(`route ${route.table} via ${route.gateway} ${route.active ? "active" : "inactive"}`);
  out(`${snapshot.commands} commands, ${snapshot.bytesRead + snapshot.bytesWritten} bytes, ${snapshot.durationMs} ms`);
}

async function userOrSecret(area: string, command: string, flags: CliValues, positionals: string[]): Promise<void> {
  const env = getEnv();
  const database = await resolveDatabase({ env });
  if (database.kind === "embedded") await migrateDatabase({ url: database.url, quiet: true });
  const db = getDb();
  try {
    if (area === "token") {
      await tokenCommand({ db, command, values: flags as Record<string, string | undefined>, ref: positionals[0], out });
    } else if (area === "user" && command === "add") {
      const values = flags as Record<string, string | undefined>;
      const password = await readPassword({ prompt: "Password for the new user: " });
      const user = await createUser({
        ctx: { db },
        input: { email: values.email ?? "", name: values.name ?? "", role: (values.role ?? "") as "admin", password },
      });
      out(`added user ${user.email} (${user.role}, id ${user.id})`);
    } else if (area === "secret" && command === "rotate") {
      const old = resolveSecretKey({ fromEnv: env.WANSCOPE_SECRET_KEY, keyFile: env.WANSCOPE_SECRET_KEY_FILE, allowGenerate: false });
      const supplied = process.stdin.isTTY ? "" : (await readPassword({ prompt: "" })).trim();
      const newKey = supplied ? Buffer.from(supplied, "base64") : randomBytes(32);
      if (newKey.length !== 32) throw new ValidationError("the new key must be 32 bytes in base64 (openssl rand -base64 32)");
      const moved = await rotateSecretKey({ ctx: { db }, input: { oldKey: old.key, newKey } });
      out(`re-encrypted ${moved.routers} router passwords and ${moved.channels} channel secrets`);
      if (old.source === env.WANSCOPE_SECRET_KEY_FILE) {
        writeFileSync(env.WANSCOPE_SECRET_KEY_FILE, `${newKey.toString("base64")}\n`, { mode: 0o600 });
        out(`wrote the new key to ${env.WANSCOPE_SECRET_KEY_FILE}; restart the web app and workers`);
      } else {
        out("set WANSCOPE_SECRET_KEY to the new key everywhere and restart the web app and workers:");
      }
      if (!supplied) out(`new key (shown once): ${newKey.toString("base64")}`);
    } else {
      throw new ValidationError(`unknown command ${area} ${command}`);
    }
  } finally {
    await disconnectDb();
    await database.embedded?.stop();
  }
}

main().catch(exitWithError);
