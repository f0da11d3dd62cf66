// A small concurrent HTTP load loop (autocannon is not installed): `concurrency` workers fetch the URL
// back to back for `seconds` after a short warm-up; latency is measured per request on 127.0.0.1.

export type LoadResult = { label: string; requests: number; errors: number; p50: number; p95: number; p99: number; rps: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Only a 200 counts: a redirect to the login page would be a fast answer to a different question.
async function once(url: string, cookie: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === 200 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

export async function loadUrl(options: { label: string; url: string; seconds: number; concurrency: number; cookie: string }): Promise<LoadResult> {
  for (let i = 0; i < 5; i += 1) {
    const warm = await once(options.url, options.cookie);
    if (!warm.ok) throw new Error(`${options.url} does not answer 200 with the bench's session; refusing to measure it`);
  }
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const result = await once(options.url, options.cookie);
        latencies.push(result.ms);
        if (!result.ok) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = { label: options.label, requests: latencies.length, errors, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / elapsed };
  console.log(`${result.label}: ${result.requests} requests, ${errors} errors, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.rps.toFixed(1)} req/s`);
  return result;
}
