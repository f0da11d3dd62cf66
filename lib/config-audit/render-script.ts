import type { FixCommand } from "./types";

// A fix's commands two ways: as the RouterOS script an engineer reads (and could paste into a terminal),
// and as the API sentences WANscope sends. Both come from the same commands, so the preview is what runs.

function cliValue(value: string): string {
  if (value !== "" && /^[A-Za-z0-9_.,:/*!@%+-]+$/.test(value)) return value;
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

const cliMenu = (path: string): string => path.replace(/\//g, " ").trim();

/** An empty value is a flag argument (`/routing table add name=odd fib`). */
function cliProps(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([key, value]) => (value === "" ? key : `${key}=${cliValue(value)}`))
    .join(" ");
}

function cliLine(command: FixCommand): string {
  switch (command.op) {
    case "add":
      return `add ${cliProps(command.props)}${command.placeBefore ? ` place-before=${command.placeBefore}` : ""}`;
    case "set":
      return `set ${command.id} ${cliProps(command.props)}`;
    case "unset":
      return `unset ${command.id} value-name=${command.prop}`;
    case "remove":
      return `remove ${command.id}`;
    case "move":
      return `move ${command.id} destination=${command.destination}`;
    case "enable":
    case "disable":
      return `${command.op} ${command.id}`;
  }
}

/** The script, one menu header per run of commands on the same menu: "/ip firewall mangle\nset *8 nth=1,1". */
export function renderScript(commands: readonly FixCommand[]): string {
  const lines: string[] = [];
  let menu = "";
  for (const command of commands) {
    const next = `/${cliMenu(command.path)}`;
    if (next !== menu) {
      lines.push(next);
      menu = next;
    }
    lines.push(cliLine(command));
  }
  return lines.join("\n");
}

/** The API sentence for one command (`=.id=` for set/remove, `=numbers=` where RouterOS names it so). */
export function commandWords(command: FixCommand): string[] {
  const props = (p: Record<string, string>) => Object.entries(p).map(([key, value]) => `=${key}=${value}`);
  switch (command.op) {
    case "add":
      return [`${command.path}/add`, ...props(command.props), ...(command.placeBefore ? [`=place-before=${command.placeBefore}`] : [])];
    case "set":
      return [`${command.path}/set`, `=.id=${command.id}`, ...props(command.props)];
    case "unset":
      return [`${command.path}/unset`, `=numbers=${command.id}`, `=value-name=${command.prop}`];
    case "remove":
      return [`${command.path}/remove`, `=.id=${command.id}`];
    case "move":
      return [`${command.path}/move`, `=numbers=${command.id}`, `=destination=${command.destination}`];
    case "enable":
    case "disable":
      return [`${command.path}/${command.op}`, `=numbers=${command.id}`];
  }
}
