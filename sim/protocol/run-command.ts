// Runs one logged-in menu command against the router and describes the reply; the session
// encodes it. print is done here (queries, .proplist, count-only, !empty) so the model only
// returns rows; add/remove/set and other verbs go to the menu.

import { changeStream } from "./change-stream";
import { compileQuery, plainConjunction } from "./compile-query";
import { proplistOf, splitCommand, type ApiRequest } from "./parse-request";
import { RouterTrap, type Attributes, type Menu, type Row, type RouterApi, type Stream } from "./router-api";
import { noSuchCommandOrDirectory, TRAP } from "./trap-messages";

export type Trap = { message: string; category?: number };

export type CommandReply =
  | {
      kind: "result";
      rows: Row[];
      proplist: string[] | undefined;
      /** `!empty` before `!done` (7.18+ print with no rows). */
      empty: boolean;
      traps: Trap[];
      ret: string | undefined;
    }
  | { kind: "stream"; stream: Stream; proplist: string[] | undefined };

// Directories that exist on every RouterOS but are not menus themselves; lets an unknown command
// be told apart as "no such command" (known place, wrong verb) or "no such command or directory (x)".
const KNOWN_DIRECTORIES = new Set([
  "/ip",
  "/ip/firewall",
  "/ipv6",
  "/ipv6/firewall",
  "/system",
  "/interface",
  "/routing",
  "/tool",
  "/user",
  "/queue",
  "/ppp",
  "/certificate",
  "/file",
  "/log",
]);

const PRINT_PARAMETERS = new Set([
  "count-only",
  ".proplist",
  "stats",
  "detail",
  "without-paging",
  "terse",
  "brief",
  "from",
  "where",
  "follow",
  "follow-only",
  "interval",
  "value-list",
  "oid",
  "show-ids",
  "as-value",
]);

const BUILT_IN_VERBS = new Set(["print", "getall", "add", "remove", "set", "enable", "disable", "move", "unset", "listen"]);

const result = (partial: Partial<Extract<CommandReply, { kind: "result" }>> = {}): CommandReply => ({
  kind: "result",
  rows: [],
  proplist: undefined,
  empty: false,
  traps: [],
  ret: undefined,
  ...partial,
});

const trapReply = (...traps: Trap[]): CommandReply => result({ traps });

export function runCommand({ router, request }: { router: RouterApi; request: ApiRequest }): CommandReply {
  const { path, verb } = splitCommand(request.command);
  const menu = path === "" ? undefined : router.menu(path);
  if (menu === undefined) return unknownCommand(router, request.command);
  try {
    if (request.unknownWords.length > 0) return trapReply({ message: TRAP.unknownParameter });
    switch (verb) {
      case "print":
      case "getall":
        return print(router, menu, request);
      case "listen":
        if (menu.commands?.listen) break;
        return {
          kind: "stream",
          stream: changeStream({ menu, filter: undefined, initial: false, options: { stats: false, detail: false } }),
          proplist: proplistOf(request),
        };
      case "add":
        if (!menu.add) break;
        return result({ ret: menu.add(request.attributes) });
      case "remove":
        if (!menu.remove) break;
        for (const id of idsOf(request.attributes)) menu.remove(id);
        return result();
      case "set": {
        if (!menu.set) break;
        const { ".id": _id, numbers: _numbers, ...changes } = request.attributes;
        for (const id of idsOf(request.attributes)) menu.set(id, changes);
        return result();
      }
      case "enable":
      case "disable":
        if (!menu.set || menu.commands?.[verb]) break;
        for (const id of idsOf(request.attributes)) menu.set(id, { disabled: verb === "disable" ? "yes" : "no" });
        return result();
    }
    const command = menu.commands?.[verb];
    if (!command) return trapReply({ message: TRAP.noSuchCommand });
    const outcome = command(request.attributes);
    const proplist = proplistOf(request);
    if (outcome.kind === "stream") return { kind: "stream", stream: outcome.stream, proplist };
    if (outcome.kind === "rows") return result({ rows: outcome.rows, proplist });
    return result({ ret: outcome.ret });
  } catch (error) {
    if (error instanceof RouterTrap) {
      return trapReply(error.category === undefined ? { message: error.message } : { message: error.message, category: error.category });
    }
    // A model bug must not take the session down; RouterOS's generic wording for internal failures.
    return trapReply({ message: `failure: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function print(router: RouterApi, menu: Menu, request: ApiRequest): CommandReply {
  const { attributes } = request;
  for (const name of Object.keys(attributes)) {
    if (!PRINT_PARAMETERS.has(name)) return trapReply({ message: `${TRAP.unknownParameter} ${name}` });
  }
  const filter = compileQuery(request.queries);
  if ("follow" in attributes || "follow-only" in attributes) {
    const options = { stats: "stats" in attributes, detail: "detail" in attributes };
    return {
      kind: "stream",
      stream: changeStream({ menu, filter, initial: "follow" in attributes, options }),
      proplist: proplistOf(request),
    };
  }
  if ("count-only" in attributes && menu.count) {
    // Index path (connections per mark): no row is formatted or walked.
    const tests = plainConjunction(request.queries);
    const count = tests === undefined ? undefined : menu.count(tests);
    if (count !== undefined) return result({ ret: String(count) });
  }
  const rows = menu.print({ stats: "stats" in attributes, detail: "detail" in attributes });
  if ("count-only" in attributes) {
    let count = rows.length;
    if (filter) {
      count = 0;
      for (const row of rows) if (filter(row)) count += 1;
    }
    return result({ ret: String(count) });
  }
  const matched = filter ? rows.filter(filter) : rows;
  return result({ rows: matched, proplist: proplistOf(request), empty: matched.length === 0 && router.sendsEmpty() });
}

/** `.id` (or `numbers`) as RouterOS accepts it: one id or a comma-separated list. */
function idsOf(attributes: Attributes): string[] {
  const raw = attributes[".id"] ?? attributes["numbers"];
  if (raw === undefined || raw === "") throw new RouterTrap(TRAP.noSuchItem);
  return raw.split(",");
}

function unknownCommand(router: RouterApi, command: string): CommandReply {
  if (!command.startsWith("/")) return trapReply({ message: TRAP.noSuchCommandPrefix });
  const parts = command.slice(1).split("/");
  let prefix = "";
  let parentIsMenu = false;
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] as string;
    const candidate = `${prefix}/${part}`;
    const isLast = index === parts.length - 1;
    if (isLast || (!KNOWN_DIRECTORIES.has(candidate) && router.menu(candidate) === undefined)) {
      if (parentIsMenu && (isLast || BUILT_IN_VERBS.has(part))) return trapReply({ message: TRAP.noSuchCommand });
      if (isLast && prefix !== "") return trapReply({ message: TRAP.noSuchCommand });
      return trapReply({ message: noSuchCommandOrDirectory(part), category: 0 }, { message: TRAP.noSuchCommandPrefix });
    }
    parentIsMenu = router.menu(candidate) !== undefined;
    prefix = candidate;
  }
  return trapReply({ message: TRAP.noSuchCommand });
}
