import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SimClock } from "../engine/clock";
import { parseIp } from "../engine/ip";
import type { VersionName } from "../model/personality";
import { SimRouter } from "../model/router";

// Test and benchmark helper: one router on its own clock, no clients, fed connections by hand.
export function exportText(file: string): string {
  return readFileSync(fileURLToPath(new URL(`../exports/${file}`, import.meta.url)), "utf8");
}

export function testRouter({
  file = "seed-nth.rsc",
  version = "6.49",
  delayMs = 0,
}: { file?: string; version?: VersionName; delayMs?: number } = {}): SimRouter {
  return new SimRouter({
    name: "test",
    version,
    script: exportText(file),
    clock: new SimClock(),
    epochMs: Date.UTC(2025, 0, 2, 3, 4, 5),
    timeScale: 1,
    listVisibilityDelayMs: delayMs,
    user: "u",
    password: "p",
  });
}

let port = 40000;
export function open(
  router: SimRouter,
  src: string | number,
  dport = 443,
  dst = "93.184.216.34",
): ReturnType<SimRouter["dataplane"]["openConnection"]> {
  const address = typeof src === "number" ? src : parseIp(src)!;
  port = port >= 65000 ? 40000 : port + 1;
  return router.dataplane.openConnection({
    protocol: "tcp",
    src: address,
    sport: port,
    dst: parseIp(dst)!,
    dport,
    lan: router.dataplane.lanInterfaceOf(address) ?? "Local",
  });
}
