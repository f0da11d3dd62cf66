// A router rebooted between two polls when its uptime went back, or when its uptime is shorter than
// the time that passed since the previous poll (it came back up in between and kept counting).

export type UptimeSample = { at: number; uptimeSeconds: number };

export type RebootCheck = { rebooted: boolean; reason: "uptime_went_back" | "uptime_below_elapsed" | null; bootedAt: number };

export function detectReboot(options: {
  prev: UptimeSample | null | undefined;
  curr: UptimeSample;
  toleranceSeconds?: number;
}): RebootCheck {
  const { prev, curr } = options;
  const bootedAt = curr.at - curr.uptimeSeconds * 1000;
  if (!prev) return { rebooted: false, reason: null, bootedAt };
  if (curr.uptimeSeconds < prev.uptimeSeconds) return { rebooted: true, reason: "uptime_went_back", bootedAt };
  const elapsedSeconds = (curr.at - prev.at) / 1000;
  const tolerance = options.toleranceSeconds ?? 120;
  if (curr.uptimeSeconds + tolerance < elapsedSeconds) return { rebooted: true, reason: "uptime_below_elapsed", bootedAt };
  return { rebooted: false, reason: null, bootedAt };
}
