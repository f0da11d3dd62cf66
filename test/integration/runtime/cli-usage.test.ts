import { describe, expect, it } from "vitest";
import { integrationServices } from "../../support/integration-context";
import { runWanscopeCli } from "../../support/run-cli";

integrationServices();

// The real `npm run wanscope` entry point, as an operator types it. Usage is decided before any
// database is touched, so DATABASE_URL points at a port where nothing listens.
const wanscope = (args: string[]) => runWanscopeCli(args, { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });

const SUBCOMMANDS = ["router add", "router list", "router discover", "router poll", "router audit", "user add", "secret rotate"];

describe("wanscope CLI usage", () => {
  it.each(SUBCOMMANDS)("%s --help prints its usage and exits 0", async (command) => {
    const result = await wanscope([...command.split(" "), "--help"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: npm run wanscope -- ${command}`));
  });

  it.each(SUBCOMMANDS)("%s with a wrong flag says so in one sentence and exits 2", async (command) => {
    const result = await wanscope([...command.split(" "), "--no-such-flag"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `npm run wanscope -- ${command}: unknown option --no-such-flag (see npm run wanscope -- ${command} --help)`,
    ]);
  });

  it("a missing value, a missing argument and an unknown command are usage errors too", async () => {
    const cases: Array<[string[], string]> = [
      [["router", "add", "--name"], "router add: --name needs a value"],
      [["router", "poll"], "router poll: missing <id|name>"],
      [
        ["router", "frobnicate"],
        "unknown command router frobnicate; try router add, router list, router discover, router poll, router audit",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await wanscope(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
    const general = await wanscope(["--help"]);
    expect(general.status).toBe(0);
    for (const command of SUBCOMMANDS) expect(general.stdout).toContain(command);
  });
});
