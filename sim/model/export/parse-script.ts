import type { ScriptProblem } from "./script-error";

/** One command of an export script: `/ip firewall mangle` + `add chain=... action=...`. */
export type ScriptCommand = {
  line: number;
  path: string; // "ip firewall mangle" (words joined by single spaces)
  verb: string;
  /** `key=value` pairs; a bare word (`fib`, a service name after `set`) has bare: true and value "". */
  params: Array<{ key: string; value: string; bare?: true }>;
};

const VERBS = new Set(["add", "set", "remove", "print", "export", "enable", "disable"]);

/** Splits an export into commands. Syntax problems are collected, not thrown, so all are reported at once. */
export function parseScript(text: string): { commands: ScriptCommand[]; problems: ScriptProblem[] } {
  const commands: ScriptCommand[] = [];
  const problems: ScriptProblem[] = [];
  let path: string | undefined;
  for (const { line, text: logical } of logicalLines(text)) {
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
      // "/ip/firewall/mangle/add ..." carries its verb as the last path segment
      if (i === rest.length && words.length > 0 && VERBS.has(words[words.length - 1]!)) {
        rest = [words.pop()!];
      } else {
        rest = rest.slice(i);
      }
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
    for (const token of rest.slice(1)) {
      const eq = token.indexOf("=");
      if (token.startsWith("[")) {
        problems.push({ line, message: `unsupported expression "${token}" (only literal parameters are understood)` });
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
    if (!bad) commands.push({ line, path, verb, params });
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
    // RouterOS export indents continuation lines; the join keeps one space between words
    acc = acc === undefined ? piece : acc.trimEnd() + " " + piece.trimStart();
    if (!continued) {
      out.push({ line: start, text: acc });
      acc = undefined;
    }
  });
  if (acc !== undefined) out.push({ line: start, text: acc });
  return out;
}

/** Whitespace-separated tokens; double quotes group, `\"` escapes. Returns an error message on bad quoting. */
function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  let current = "";
  let inQuote = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === "\\" && i + 1 < text.length) {
        current += c + text[i + 1];
        i++;
      } else {
        if (c === '"') inQuote = false;
        current += c;
      }
    } else if (c === " " || c === "\t") {
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
