// RouterOS prints durations as "1w2d3h4m5s" (optionally with "500ms"), v7 sometimes as "00:05:00",
// and bare numbers as seconds. Returns seconds (fractional for ms), or undefined when not a duration.

const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 };

export function parseRouterOsDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const clock = /^(?:(\d+)d\s*)?(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value);
  if (clock) {
    const [, days, h, m, s, frac] = clock;
    return Number(days ?? 0) * 86_400 + Number(h) * 3_600 + Number(m) * 60 + Number(s) + (frac ? Number(`0.${frac}`) : 0);
  }
  const re = /(\d+)(ms|w|d|h|m|s)/y;
  let total = 0;
  let consumed = 0;
  for (let match = re.exec(value); match; match = re.exec(value)) {
    total += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ""] ?? 0);
    consumed = re.lastIndex;
  }
  return consumed === value.length ? total : undefined;
}
