// Numbers for people: thousands separators, percentages and bit rates with units, in one fixed
// locale so server-rendered text is the same on every machine (and in tests).

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatInt(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return integer.format(Math.round(value));
}

/** A 0..1 fraction as "42.5%"; whole percentages drop the decimal. */
export function formatPercent(value: number | null | undefined, options: { digits?: number } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const pct = value * 100;
  const digits = options.digits ?? (Math.abs(pct - Math.round(pct)) < 1e-9 ? 0 : 1);
  return `${pct.toFixed(digits)}%`;
}

const BPS_UNITS = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"] as const;

/** Bits per second in SI steps of 1000, three significant figures: 12.3 Mbit/s. */
export function formatBps(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 999.5 && unit < BPS_UNITS.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  return `${value < 0 ? "-" : ""}${scaled.toFixed(digits)} ${BPS_UNITS[unit]}`;
}
