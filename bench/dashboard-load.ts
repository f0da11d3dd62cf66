import autocannon from "autocannon";

// Concurrent HTTP load with autocannon: `concurrency` connections request the URL back to back for
// `seconds` after a short warm-up. autocannon's own summary has no p95, so every response time is
// also collected here (the tracker's 'response' event) and the percentiles computed from all of them.

export type LoadResult = { label: string; requests: number; errors: number; p50: number; p95: number; p99: number; rps: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Only a 200 counts: a redirect to the login page would be a fast answer to a different question.
async function warmUp(url: string, headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    const response = await fetch(url, { headers, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answers ${response.status} with the bench's credentials; refusing to measure it`);
  }
}

export async function loadUrl(options: {
  label: string;
  url: string;
  seconds: number;
  concurrency: number;
  /** A session cookie, or other headers (a bearer token) that make the URL answer 200. */
  cookie?: string;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers };
  await warmUp(options.url, headers);
  const latencies: number[] = [];
  let errors = 0;
  const summary = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.concurrency,
        duration: options.seconds,
        headers: { ...headers, "accept-encoding": "gzip" },
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) errors += 1;
    });
  });
  errors += summary.errors + summary.timeouts;
  latencies.sort((a, b) => a - b);
  const elapsedSec = summary.duration;
  const result = {
    label: options.label,
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / elapsedSec,
  };
  console.log(
    `${result.label}: ${result.requests} requests, ${errors} errors, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.rps.toFixed(1)} req/s`,
  );
  return result;
}
