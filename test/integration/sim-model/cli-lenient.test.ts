// The simulator's command line with a real export it cannot fully model: refused with line-numbered
// problems, then loaded with --lenient (or a fleet file's lenient: true), listing what it skipped.

import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "sim-lenient-"));
const exportFile = join(dir, "real.rsc");
writeFileSync(
  exportFile,
  [
    "# 2025-06-12 10:14:03 by RouterOS 7.19.1",
    "/interface wireguard",
    "add listen-port=13231 name=wg0",
    "/ip address",
    "add address=192.168.0.1/24 interface=bridge network=192.168.0.0",
    "add address=10.111.0.2/24 interface=ether1 network=10.111.0.0",
    "/ip route",
    "add gateway=10.111.0.1",
    "/snmp",
    "set enabled=yes",
  ].join("\n"),
);
const children: Array<ReturnType<typeof spawn>> = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Runs the CLI until it prints its first router line (or exits); returns what it printed. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // one process (node with the tsx loader), so the SIGTERM below reaches the simulator itself
    const child = spawn(process.execPath, ["--import", "tsx", "sim/cli.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) child.kill("SIGTERM");
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("sim CLI and exports it cannot fully model", () => {
  it("refuses the export with each problem's line, or loads it with --lenient and lists what it skipped and ignored", async () => {
    const strict = await run(["--export", exportFile, "--version", "7.19", "--clients", "0"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${exportFile}: 1 problem(s)`);
    expect(strict.stderr).toContain('line 3: unknown command "/interface wireguard add"');
    const lenient = await run(["--export", exportFile, "--version", "7.19", "--clients", "0", "--lenient"]);
    expect(lenient.stdout).toMatch(/^router gw-001 api=\d+ /);
    expect(lenient.stderr).toContain(
      `sim: ${exportFile}: line 3: skipped /interface wireguard add: unknown command "/interface wireguard add"`,
    );
    expect(lenient.stderr).toContain(`sim: ${exportFile}: line 10: ignored /snmp set (SNMP)`);
  });

  it("takes lenient: true from a fleet file", async () => {
    const fleetFile = join(dir, "fleet.yaml");
    writeFileSync(
      fleetFile,
      ["routers:", "  - name: real", '    version: "7.19"', "    export: real.rsc", "    clients: 0", "    lenient: true"].join("\n"),
    );
    const out = await run(["--fleet", fleetFile]);
    expect(out.stdout).toMatch(/^router real api=\d+ /);
    expect(out.stderr).toContain("skipped /interface wireguard add");
  });
});
