// RouterOS print queries are a small stack machine: each `?` word pushes true/false for a row,
// `?#` rewrites the stack, and a row matches when every value left on the stack is true.
// Queries are compiled once per request into a closure, then run over each row.

import { RouterTrap, type QueryTest, type Row } from "./router-api";

type Test =
  | { kind: "has"; key: string }
  | { kind: "lacks"; key: string }
  | { kind: "eq"; key: string; value: string }
  | { kind: "lt"; key: string; value: string }
  | { kind: "gt"; key: string; value: string };

type StackOp =
  | { kind: "copy"; index: number }
  | { kind: "keep"; index: number } // index at end of word: replace all values with that one
  | { kind: "not" }
  | { kind: "and" }
  | { kind: "or" }
  | { kind: "dup" };

type Step = { kind: "test"; test: Test } | { kind: "ops"; ops: StackOp[] };

export type RowFilter = (row: Row) => boolean;

/** Compiles `?` words (without the `?`) into a filter; undefined when there is no query. */
export function compileQuery(words: readonly string[]): RowFilter | undefined {
  if (words.length === 0) return undefined;
  const steps = words.map(parseStep);
  // Common case (`?list=odd`, `?a=x ?b=y`): a plain conjunction, no stack needed.
  if (steps.every((step) => step.kind === "test")) {
    const tests = steps.map((step) => (step as { test: Test }).test);
    if (tests.length === 1) return testFunction(tests[0] as Test);
    const fns = tests.map(testFunction);
    return (row) => fns.every((fn) => fn(row));
  }
  return stackFilter(steps);
}

/**
 * The query as a plain conjunction of has/lacks/eq tests, for menus that can count from an index;
 * undefined when it uses `?#`, `?<` or `?>`. Throws RouterTrap on malformed words, as compileQuery does.
 */
export function plainConjunction(words: readonly string[]): QueryTest[] | undefined {
  const tests: QueryTest[] = [];
  for (const word of words) {
    const step = parseStep(word);
    if (step.kind !== "test") return undefined;
    const test = step.test;
    if (test.kind === "has") tests.push({ kind: "has", key: test.key });
    else if (test.kind === "lacks") tests.push({ kind: "lacks", key: test.key });
    else if (test.kind === "eq") tests.push({ kind: "eq", key: test.key, value: test.value });
    else return undefined;
  }
  return tests;
}

function parseStep(word: string): Step {
  const first = word[0];
  if (first === "#") return { kind: "ops", ops: parseOps(word.slice(1)) };
  if (first === "-") return { kind: "test", test: { kind: "lacks", key: word.slice(1) } };
  if (first === "<" || first === ">" || first === "=") {
    const rest = word.slice(1);
    const separator = rest.indexOf("=");
    if (separator === -1) throw new RouterTrap(`invalid query word ?${word}`);
    const key = rest.slice(0, separator);
    const value = rest.slice(separator + 1);
    const kind = first === "<" ? "lt" : first === ">" ? "gt" : "eq";
    return { kind: "test", test: { kind, key, value } };
  }
  const separator = word.indexOf("=");
  if (separator === -1) return { kind: "test", test: { kind: "has", key: word } };
  return { kind: "test", test: { kind: "eq", key: word.slice(0, separator), value: word.slice(separator + 1) } };
}

function parseOps(text: string): StackOp[] {
  const ops: StackOp[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position] as string;
    if (char >= "0" && char <= "9") {
      let end = position;
      while (end < text.length && (text[end] as string) >= "0" && (text[end] as string) <= "9") end += 1;
      const index = Number(text.slice(position, end));
      position = end;
      if (position === text.length) {
        ops.push({ kind: "keep", index });
      } else {
        ops.push({ kind: "copy", index });
        if (text[position] === ".") position += 1; // "." after an index does nothing
      }
      continue;
    }
    position += 1;
    if (char === "!") ops.push({ kind: "not" });
    else if (char === "&") ops.push({ kind: "and" });
    else if (char === "|") ops.push({ kind: "or" });
    else if (char === ".") ops.push({ kind: "dup" });
    else throw new RouterTrap(`invalid query operation ${char}`);
  }
  return ops;
}

function testFunction(test: Test): RowFilter {
  const { key } = test;
  switch (test.kind) {
    case "has":
      return (row) => {
        const value = row[key];
        return value !== undefined && value !== "";
      };
    case "lacks":
      return (row) => {
        const value = row[key];
        return value === undefined || value === "";
      };
    case "eq": {
      const expected = test.value;
      // An unset property reads as empty, so `?comment=` matches rows without a comment.
      return expected === "" ? (row) => (row[key] ?? "") === "" : (row) => row[key] === expected;
    }
    case "lt": {
      const compare = comparator(test.value);
      return (row) => {
        const value = row[key];
        return value !== undefined && compare(value) < 0;
      };
    }
    case "gt": {
      const compare = comparator(test.value);
      return (row) => {
        const value = row[key];
        return value !== undefined && compare(value) > 0;
      };
    }
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** An IPv4 address (optionally /prefix) as one sortable number, or undefined. */
function ipv4Key(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  const [, a, b, c, d, prefix] = match;
  return (((Number(a) * 256 + Number(b)) * 256 + Number(c)) * 256 + Number(d)) * 64 + Number(prefix ?? 32);
}

/** RouterOS compares typed values: numbers as numbers, addresses as addresses, the rest as strings. */
function comparator(reference: string): (value: string) => number {
  const referenceIp = ipv4Key(reference);
  if (referenceIp !== undefined) {
    return (value) => {
      const ip = ipv4Key(value);
      return ip === undefined ? (value < reference ? -1 : value > reference ? 1 : 0) : ip - referenceIp;
    };
  }
  if (NUMBER.test(reference)) {
    const number = Number(reference);
    return (value) => (NUMBER.test(value) ? Number(value) - number : value < reference ? -1 : value > reference ? 1 : 0);
  }
  return (value) => (value < reference ? -1 : value > reference ? 1 : 0);
}

function stackFilter(steps: Step[]): RowFilter {
  type Compiled = { test: RowFilter } | { ops: StackOp[] };
  const compiled: Compiled[] = steps.map((step) => (step.kind === "test" ? { test: testFunction(step.test) } : { ops: step.ops }));
  const stack: boolean[] = [];
  // Missing operands read as false rather than throwing: a malformed ?# never crashes a session.
  const pop = (): boolean => stack.pop() ?? false;
  const at = (index: number): boolean => stack[stack.length - 1 - index] ?? false;
  return (row) => {
    stack.length = 0;
    for (const step of compiled) {
      if ("test" in step) {
        stack.push(step.test(row));
        continue;
      }
      for (const op of step.ops) {
        switch (op.kind) {
          case "copy":
            stack.push(at(op.index));
            break;
          case "keep": {
            const value = at(op.index);
            stack.length = 0;
            stack.push(value);
            break;
          }
          case "not":
            stack.push(!pop());
            break;
          case "and": {
            const right = pop();
            const left = pop();
            stack.push(left && right);
            break;
          }
          case "or": {
            const right = pop();
            const left = pop();
            stack.push(left || right);
            break;
          }
          case "dup":
            stack.push(at(0));
            break;
        }
      }
    }
    for (const value of stack) if (!value) return false;
    return true;
  };
}
