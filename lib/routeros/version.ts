// RouterOS version as /system/resource prints it: "6.49.10 (long-term)", "7.19.1 (stable)", "7.20beta2".
// Read once per session; pollers branch on `major` and on `sendsEmptyReply` (7.18+).

export type RouterOsVersion = {
  raw: string;
  major: number;
  minor: number;
  patch: number;
  channel: string | undefined;
  /** 7.18+ answers a print with no rows with `!empty` before `!done`. */
  sendsEmptyReply: boolean;
  /** v7 routing: `routing-table`, `immediate-gw`, `/routing/table`; v6: `routing-mark`, `gateway-status`. */
  routing: "v6" | "v7";
};

export function parseRouterOsVersion(raw: string): RouterOsVersion | undefined {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?([a-z]+\d*)?\s*(?:\(([^)]*)\))?\s*$/i.exec(raw);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3] ?? 0);
  const channel = match[5] ?? match[4];
  return {
    raw: raw.trim(),
    major,
    minor,
    patch,
    channel,
    sendsEmptyReply: major > 7 || (major === 7 && minor >= 18),
    routing: major >= 7 ? "v7" : "v6",
  };
}
