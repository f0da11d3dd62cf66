// Values as RouterOS prints them over the API: ".id" like "*1A", durations like "1w2d3h4m5s",
// booleans "true"/"false", dates per version.

export function formatId(n: number): string {
  return "*" + n.toString(16).toUpperCase();
}

export function parseId(id: string): number | undefined {
  if (!/^\*[0-9A-Fa-f]+$/.test(id)) return undefined;
  return parseInt(id.slice(1), 16);
}

export function formatBool(value: boolean): string {
  return value ? "true" : "false";
}

const UNITS: ReadonlyArray<[string, number]> = [
  ["w", 604_800],
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
];

/** Whole seconds, largest units first; zero prints as "0s". */
export function formatDuration(ms: number): string {
  let seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds === 0) return "0s";
  let out = "";
  for (const [unit, size] of UNITS) {
    if (seconds >= size) {
      out += Math.floor(seconds / size) + unit;
      seconds %= size;
    }
  }
  return out;
}

/** Parses RouterOS time values: "1d", "23h59m51s", "00:05:00", "30" (seconds), "500ms". */
export function parseDuration(text: string): number | undefined {
  const clock = /^(\d+):(\d{2}):(\d{2})$/.exec(text);
  if (clock) return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const re = /(\d+)(ms|w|d|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = Number(m[1]);
    const unit = m[2];
    total += unit === "ms" ? value : value * 1000 * (UNITS.find(([u]) => u === unit)?.[1] ?? 0);
    consumed = re.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export type DateStyle = "v6" | "v7";

/** v6: "jan/02/2024 10:11:12"; v7 (7.10+): "2024-01-02 10:11:12". Router-local time is UTC here. */
export function formatDate(epochMs: number, style: DateStyle): string {
  const d = new Date(epochMs);
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (style === "v6") return `${MONTHS[d.getUTCMonth()]}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${time}`;
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${time}`;
}
