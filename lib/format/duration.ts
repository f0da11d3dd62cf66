// Durations and clock times for tables and banners. Times are shown in UTC (labelled) so what the
// server renders never depends on the machine's zone; `now` is always a parameter.

/** 0 → "0s", 95 s → "1m 35s", 26 h → "1d 2h": the two largest units. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), "d"],
    [Math.floor((total % 86_400) / 3600), "h"],
    [Math.floor((total % 3600) / 60), "m"],
    [total % 60, "s"],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return "0s";
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(" ");
}

/** "3m 5s ago", "in 2m" for a time relative to now. */
export function formatAgo(options: { at: Date | null | undefined; now: Date }): string {
  if (!options.at) return "never";
  const delta = options.now.getTime() - options.at.getTime();
  if (Math.abs(delta) < 1000) return "just now";
  return delta >= 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(-delta)}`;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** "14:02" (UTC), with seconds when asked. */
export function formatClock(at: Date, options: { seconds?: boolean } = {}): string {
  const base = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  return options.seconds ? `${base}:${pad(at.getUTCSeconds())}` : base;
}

/** "2026-11-29 14:02 UTC", or only the clock when it is the same UTC day as now. */
export function formatTimestamp(options: { at: Date | null | undefined; now: Date; seconds?: boolean }): string {
  const { at, now } = options;
  if (!at) return "never";
  const clock = formatClock(at, { seconds: options.seconds });
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? `${clock} UTC` : `${at.toISOString().slice(0, 10)} ${clock} UTC`;
}
