import { parseArgs, type ParseArgsConfig } from "node:util";

// Command-line parsing for bin/ entry points: a table of commands, each with its usage. `--help` on any
// of them prints that usage; a wrong flag or argument is one sentence and exit code 2 (as getopt tools
// do), decided before any database or network is touched.

export type CliCommand = {
  /** One or more words: "router add". */
  name: string;
  /** What follows the name in the usage line: "--name N --host H [--port P]". */
  synopsis: string;
  summary: string;
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** Positional arguments, in order; all required. */
  positionals?: string[];
  /** More lines printed under the usage by --help. */
  details?: string[];
};

export type CliValues = Record<string, string | boolean | string[] | undefined>;

export type CliParse =
  | { kind: "help"; text: string }
  | { kind: "usage_error"; message: string }
  | { kind: "run"; command: string; values: CliValues; positionals: string[] };

const quoted = (message: string): string => /'([^']+)'/.exec(message)?.[1] ?? "";

function flagProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? String(error);
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted(text)}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${quoted(text).split(" ")[0]} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted(text)}`;
    default:
      return text.split("\n")[0] ?? "bad arguments";
  }
}

export function commandUsage(options: { program: string; command: CliCommand }): string {
  const { program, command } = options;
  const line = [program, command.name, ...(command.positionals ?? []).map((p) => `<${p}>`), command.synopsis].filter(Boolean).join(" ");
  return [`usage: ${line}`, "", command.summary, ...(command.details ?? []).map((d) => `  ${d}`)].join("\n");
}

export function programUsage(options: { program: string; commands: readonly CliCommand[] }): string {
  const width = Math.max(...options.commands.map((c) => c.name.length));
  return [
    `usage: ${options.program} <command> [options]   (${options.program} <command> --help for its options)`,
    "",
    ...options.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/** Find the command named by the leading words of argv and parse the rest against its options. */
export function parseCli(options: { argv: readonly string[]; program: string; commands: readonly CliCommand[] }): CliParse {
  const { argv, program, commands } = options;
  const general = programUsage({ program, commands });
  const isHelp = (word: string | undefined) => word === "--help" || word === "-h" || word === "help";
  if (argv.length === 0 || isHelp(argv[0]))
    return argv.length === 0 ? { kind: "usage_error", message: general } : { kind: "help", text: general };
  const command = [...commands]
    .sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)
    .find((c) => c.name.split(" ").every((word, i) => argv[i] === word));
  if (!command) {
    const area = commands.filter((c) => c.name.split(" ")[0] === argv[0]);
    const known = area.length > 0 ? area.map((c) => c.name).join(", ") : commands.map((c) => c.name.split(" ")[0]).join(", ");
    return {
      kind: "usage_error",
      message: `${program}: unknown command ${argv.slice(0, 2).join(" ")}; try ${[...new Set(known.split(", "))].join(", ")}`,
    };
  }
  const rest = argv.slice(command.name.split(" ").length);
  const see = `(see ${program} ${command.name} --help)`;
  if (rest.some(isHelp)) return { kind: "help", text: commandUsage({ program, command }) };
  try {
    const parsed = parseArgs({ args: [...rest], options: command.options ?? {}, strict: true, allowPositionals: true });
    const wanted = command.positionals ?? [];
    if (parsed.positionals.length > wanted.length)
      return {
        kind: "usage_error",
        message: `${program} ${command.name}: unexpected argument ${parsed.positionals[wanted.length]} ${see}`,
      };
    if (parsed.positionals.length < wanted.length)
      return { kind: "usage_error", message: `${program} ${command.name}: missing <${wanted[parsed.positionals.length]}> ${see}` };
    return { kind: "run", command: command.name, values: parsed.values as CliValues, positionals: parsed.positionals };
  } catch (error) {
    return { kind: "usage_error", message: `${program} ${command.name}: ${flagProblem(error)} ${see}` };
  }
}
