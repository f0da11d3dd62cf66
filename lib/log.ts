import { pino, type Logger } from "pino";

// One structured logger per process; callers add routerId/jobId with `.child()`.
// Event names are dotted (`poll.failed`, `client.moved`) and go in the `event` field.
const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

export const log: Logger = pino({
  level,
  base: { service: process.env.WANSCOPE_SERVICE ?? "wanscope" },
  // Credentials must never reach a log line, even by accident through an object dump.
  redact: { paths: ["password", "*.password", "passwordEnc", "*.passwordEnc", "secret", "*.secret", "key", "*.key"], censor: "[redacted]" },
});

export type { Logger };
