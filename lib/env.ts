import { z } from "zod";
import { parseTrustProxy } from "./auth/client-address";
import { ConfigError } from "./errors";

// Every setting WANscope reads, validated once at start-up. The app, the workers, the CLI and
// docker-compose.yml all use these names (a test checks the compose file against this schema).

const optionalUrl = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}, e.g. ${example}`,
    });

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"], "postgresql://user:pass@db:5432/wanscope"),
  EMBEDDED_PG_DIR: z.string().min(1).default(".data/postgres"),
  EMBEDDED_PG_PORT: int(1, 65535).default(54329),
  REDIS_URL: optionalUrl(["redis", "rediss"], "redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, "lower-case letters, digits and _ (it names a Redis key prefix or a Postgres schema)")
    .default("wanscope"),
  WANSCOPE_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || Buffer.from(v, "base64").length === 32, {
      message: "must be 32 random bytes in base64; make one with `openssl rand -base64 32`",
    }),
  WANSCOPE_SECRET_KEY_FILE: z.string().default(".data/secret-key"),
  HOST: z.string().default("0.0.0.0"),
  /** Reverse proxies whose x-forwarded-for is believed: "loopback", or addresses and CIDRs. Empty: none. */
  TRUST_PROXY: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if ("error" in parsed)
        ctx.addIssue({ code: "custom", message: `${parsed.error}; e.g. TRUST_PROXY=loopback or 10.0.0.5,192.168.1.0/24` });
    }),
  PORT: int(0, 65535).default(3000),
  POLL_INTERVAL_SEC: int(2, 3600).default(10),
  POLL_TIMEOUT_MS: int(200, 120_000).default(5_000),
  WORKER_CONCURRENCY: int(1, 1000).default(50),
  DB_POOL_MAX: int(2, 200).default(20),
  SMTP_URL: optionalUrl(["smtp", "smtps"], "smtp://user:pass@mail.example.net:587"),
  SMTP_FROM: z.string().default("WANscope <wanscope@localhost>"),
  RAW_RETENTION_DAYS: int(1, 365).default(1),
  MINUTE_RETENTION_DAYS: int(1, 365).default(7),
  HOUR_RETENTION_DAYS: int(1, 3650).default(30),
  /** Telegram's Bot API, or a self-hosted Bot API server. */
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).default("https://api.telegram.org"),
  API_RATE_LIMIT_PER_MIN: int(1, 1_000_000).default(600),
  /** Per-client series on /metrics: 0 (the default) exports none; N exports at most N clients. */
  METRICS_CLIENT_SERIES_MAX: int(0, 100_000).default(0),
});

export type Env = z.infer<typeof envSchema>;

const howToSet: Partial<Record<keyof Env, string>> = {
  DATABASE_URL: "Unset it to use the embedded Postgres, or point it at a reachable server.",
  REDIS_URL: "Unset it to run the queue on Postgres, or point it at a reachable Redis.",
  WANSCOPE_SECRET_KEY: "Set it in the environment; it encrypts router passwords at rest.",
};

/** Parse an environment; throws ConfigError naming every bad variable and how to fix it. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const hint = howToSet[name as keyof Env];
    return `  ${name}: ${issue.message}${hint ? `. ${hint}` : ""}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/** The process's validated settings (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
