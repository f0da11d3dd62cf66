import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createQueueErrorReporter } from "./error-reporter";

describe("queue error reporter", () => {
  it("writes one line per kind of error per interval, counting the ones it folded, and one on recovery", () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino(new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
    let now = 0;
    const reporter = createQueueErrorReporter({ log, backend: "redis", everyMs: 30_000, now: () => now });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 50; i++, now += 200) reporter.report(refused, "worker poll");
    reporter.report(new Error("Connection is closed."), "queue system");
    now = 30_001;
    reporter.report(refused, "worker poll");
    reporter.recovered();
    reporter.recovered();
    expect(lines.map((l) => [l.event, l.code, l.repeats])).toEqual([
      ["queue.unavailable", "ECONNREFUSED", 0],
      ["queue.unavailable", "Connection is closed.", 0],
      ["queue.unavailable", "ECONNREFUSED", 49],
      ["queue.recovered", undefined, 0],
    ]);
    expect(lines[0]).toMatchObject({ err: "connect ECONNREFUSED 127.0.0.1:6379", backend: "redis", where: "worker poll" });
  });
});
