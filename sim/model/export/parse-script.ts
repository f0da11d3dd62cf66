import type { ScriptProblem } from "./script-error";

/** One command of an export script: `/ip firewall mangle` + `add chain=... action=...`. */
export type ScriptCommand = {
  line: number;
  path: string; // "ip firewall mangle" (words joined by single spaces)
  verb: string;
  /**
   * Which items a set/remove/enable/disable acts on: a `[ find ... ]` expression (its conditions as
   * key=value pairs; none for a bare `[ find ]`, meaning every item) or item names such as `api,api-ssl`.
   */
  selector?: { find: Array<{ key: string; value: string }> } | { names: string[] };
  /** `key=value` pairs; a bare word (`fib` in `add name=odd fib`) has bare: true and value "". */
  params: Array<{ key: string; value: string; bare?: true }>;
};

const VERBS = new Set(["add", "set", "remove", "print", "export", "enable", "disable", "unset"]);

/** Splits an export into commands. Syntax problems are collected, not thrown, so all are reported at once. */
export function parseScript(text: string): { commands: ScriptCommand[]; problems: ScriptProblem[] } {
  const commands: ScriptCommand[] = [];
  const problems: ScriptProblem[] = [];
  let path: string | undefined;
  // RouterOS stores bytes: text beyond ASCII becomes its UTF-8 bytes, as \XX escapes would give
  const bytes = /[^\x00-\x7f]/.test(text) ? Buffer.from(text, "utf8").toString("latin1") : text;
  for (const { line, text: logical } of logicalLines(bytes)) {
    const trimmed = logical.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const tokens = tokenize(trimmed);
    if (typeof tokens === "string") {
      problems.push({ line, message: tokens });
      continue;
    }
    let rest = tokens;
    if (rest[0]?.startsWith("/")) {
      const words: string[] = [];
      let i = 0;
      for (; i < rest.length; i++) {
        const token = rest[i]!;
        if (i > 0 && (VERBS.has(token) || token.includes("=") || token.startsWith("["))) break;
        words.push(...token.split("/").filter((w) => w !== ""));
      }
      rest = rest.slice(i);
      // "/ip/firewall/mangle/add ..." carries its verb as the last path segment
      if (words.length > 1 && VERBS.has(words[words.length - 1]!) && !VERBS.has(rest[0] ?? "")) rest = [words.pop()!, ...rest];
      if (words.length === 0) {
        problems.push({ line, message: "empty menu path" });
        continue;
      }
      path = words.join(" ");
      if (rest.length === 0) continue;
    }
    const verb = rest[0]!;
    if (path === undefined) {
      problems.push({ line, message: `command "${verb}" before any menu header such as "/ip address"` });
      continue;
    }
    const params: ScriptCommand["params"] = [];
    let bad = false;
    let tokens2 = rest.slice(1);
    let selector: ScriptCommand["selector"];
    if (verb !== "add" && tokens2[0] !== undefined && (tokens2[0].startsWith("[") || !tokens2[0].includes("="))) {
      const first = tokens2[0];
      tokens2 = tokens2.slice(1);
      if (first.startsWith("[")) {
        const find = parseFind(first);
        if (typeof find === "string") {
          problems.push({ line, message: find });
          continue;
        }
        selector = { find };
      } else selector = { names: first.split(",") };
    }
    for (const token of tokens2) {
      const eq = token.indexOf("=");
      if (token.startsWith("[")) {
        problems.push({
          line,
          message: `unsupported expression "${token}" (only literal values and [ find ... ] selectors are understood)`,
        });
        bad = true;
        break;
      }
      if (eq === 0) {
        problems.push({ line, message: `expected key=value, got "${token}"` });
        bad = true;
        continue;
      }
      // a bare word is a flag such as `fib` in `/routing table add name=odd fib`
      if (eq < 0) {
        params.push({ key: token, value: "", bare: true });
        continue;
      }
      params.push({ key: token.slice(0, eq), value: unquote(token.slice(eq + 1)) });
    }
    if (!bad) commands.push({ line, path, verb, params, ...(selector === undefined ? {} : { selector }) });
  }
  return { commands, problems };
}

function logicalLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = text.split(/\r?\n/);
  let start = 0;
  let acc: string | undefined;
  lines.forEach((raw, index) => {
    if (acc === undefined) start = index + 1;
    const continued = /\\\s*$/.test(raw) && !raw.trim().startsWith("#");
    const piece = continued ? raw.replace(/\\\s*$/, "") : raw;
    // RouterOS wraps at the width, also inside a value ("network=\\" then "    192.168.88.0"): the
    // continuation's indent goes, and a space before the backslash is the only word break
    acc = acc === undefined ? piece : acc + piece.trimStart();
    if (!continued) {
      out.push({ line: start, text: acc });
      acc = undefined;
    }
  });
  if (acc !== undefined) out.push({ line: start, text: acc });
  return out;
}

/** `[ find ]`, `[ find default-name=ether1 ]`, `[ find where name=api ]`: equality conditions only. */
function parseFind(token: string): Array<{ key: string; value: string }> | string {
  const inner = tokenize(token.slice(1, -1).trim());
  if (typeof inner === "string" || inner[0] !== "find")
    return `unsupported expression "${token}" (only [ find key=value ... ] is understood)`;
  const out: Array<{ key: string; value: string }> = [];
  for (const word of inner.slice(1)) {
    if (word === "where") continue;
    const eq = word.indexOf("=");
    if (eq <= 0 || word.includes("~") || word.startsWith("!"))
      return `unsupported condition "${word}" in "${token}" (only key=value is understood)`;
    out.push({ key: word.slice(0, eq), value: unquote(word.slice(eq + 1)) });
  }
  return out;
}

/** Whitespace-separated tokens; double quotes group, `\"` escapes, `[ ... ]` is one token. Returns an error message on bad quoting. */
function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  let current = "";
  let inQuote = false;
  let started = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!inQuote && c === "[") depth++;
    if (!inQuote && c === "]") depth = Math.max(0, depth - 1);
    if (inQuote) {
      if (c === "\\" && i + 1 < text.length) {
        current += c + text[i + 1];
        i++;
      } else {
        if (c === '"') inQuote = false;
        current += c;
      }
    } else if ((c === " " || c === "\t") && depth === 0) {
      if (started) tokens.push(current);
      current = "";
      started = false;
    } else {
      if (c === '"') inQuote = true;
      current += c;
      started = true;
    }
  }
  if (inQuote) return "unterminated quoted value";
  if (depth > 0) return "unterminated [ ... ] expression";
  if (started) tokens.push(current);
  return tokens;
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", _: " " };

/** A quoted value's escapes as RouterOS writes them: \" \\ \$ \? \n ..., and \XX for a byte in hex. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value
      .slice(1, -1)
      .replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, e: string) => (e.length === 2 ? String.fromCharCode(parseInt(e, 16)) : (ESCAPES[e] ?? e)));
  }
  return value;
}
