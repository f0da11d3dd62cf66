import type { Logger } from "pino";

// Queue store trouble (Redis or Postgres gone) makes every queue, worker and their duplicated
// connections fail over and over; BullMQ prints each one to stderr when nobody listens. Every queue
// and worker of a backend reports here instead: one structured line per kind of error at most every
// `everyMs`, saying how many were folded into it, and one line when the store answers again.

export type QueueErrorReporter = { report(error: unknown, where: string): void; recovered(): void };

const codeOf = (error: unknown): string => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") return code;
  return typeof message === "string" ? message.split("\n")[0]!.slice(0, 120) : String(error).slice(0, 120);
};

export function createQueueErrorReporter(options: {
  log: Logger;
  backend: string;
  everyMs?: number;
  now?: () => number;
}): QueueErrorReporter {
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, { lastAt: number; folded: number }>();
  return {
    report(error, where) {
      const code = codeOf(error);
      const entry = seen.get(code);
      const at = now();
      if (entry && at - entry.lastAt < everyMs) {
        entry.folded += 1;
        return;
      }
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      options.log.error(
        { event: "queue.unavailable", backend: options.backend, code, where, err: message, repeats: entry?.folded ?? 0, everyMs },
        "queue store unreachable; retrying",
      );
      seen.set(code, { lastAt: at, folded: 0 });
    },
    recovered() {
      if (seen.size === 0) return;
      const repeats = [...seen.values()].reduce((n, e) => n + e.folded, 0);
      seen.clear();
      options.log.info({ event: "queue.recovered", backend: options.backend, repeats }, "queue store answers again");
    },
  };
}
