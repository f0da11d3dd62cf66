import { applyCommands } from "./predict";
import { differingKeys } from "./props";
import { configProps, FINGERPRINT_PATHS, rowsOf, type ConfigSnapshot, type RawRow } from "./snapshot";
import type { ConfigPath, FixCommand } from "./types";

// After a fix: does the router read back exactly as predicted? Rows the fix added carry the properties
// it gave them (the router adds its defaults); every other row, touched or not, must equal the
// prediction in every configured property, and the order must be the predicted one.

const isDynamic = (row: RawRow) => row.dynamic === "true" || row.dynamic === "yes";

export function compareReadBack(options: {
  before: ConfigSnapshot;
  after: ConfigSnapshot;
  commands: readonly FixCommand[];
  addedIds: readonly string[];
}): { ok: boolean; problems: string[] } {
  const predicted = applyCommands({ snapshot: options.before, commands: options.commands, addedIds: options.addedIds }).snapshot;
  const added = new Map<string, Record<string, string>>();
  options.commands
    .filter((c): c is Extract<FixCommand, { op: "add" }> => c.op === "add")
    .forEach((c, i) => {
      const id = options.addedIds[i];
      if (id) added.set(`${c.path} ${id}`, c.props);
    });
  const problems: string[] = [];
  for (const path of FINGERPRINT_PATHS) {
    const want = rowsOf(predicted, path).filter((r) => !isDynamic(r));
    const got = rowsOf(options.after, path).filter((r) => !isDynamic(r));
    const ids = (rows: RawRow[]) => rows.map((r) => r[".id"]).join(",");
    if (ids(want) !== ids(got)) {
      problems.push(`${path}: rows read back as ${ids(got) || "none"}, expected ${ids(want) || "none"}`);
      continue;
    }
    want.forEach((row, i) => {
      const id = row[".id"]!;
      const props = added.get(`${path} ${id}`);
      const expected = props ?? configProps(row);
      const keys = props ? Object.keys(props) : undefined;
      const differs = differingKeys({ expected: props ? expected : withoutId(expected), actual: withoutId(configProps(got[i]!)), keys });
      if (differs.length > 0)
        problems.push(
          `${path} ${id}: ${differs.map((k) => `${k}=${got[i]![k] ?? "(none)"} (expected ${expected[k] ?? "(none)"})`).join(", ")}`,
        );
    });
  }
  return { ok: problems.length === 0, problems };
}

function withoutId(props: Record<string, string>): Record<string, string> {
  const { ".id": _id, ...rest } = props;
  return rest;
}

/** The static rows of one menu as configurations in order (no ids): what "restored exactly" compares. */
export function configSequence(snapshot: ConfigSnapshot, path: ConfigPath): Record<string, string>[] {
  return rowsOf(snapshot, path)
    .filter((r) => !isDynamic(r))
    .map((r) => withoutId(configProps(r)));
}

/** Whether two snapshots hold the same rules, ids aside (a restored rule may get a new id). */
export function sameRules(a: ConfigSnapshot, b: ConfigSnapshot, paths: readonly ConfigPath[] = FINGERPRINT_PATHS): string[] {
  const problems: string[] = [];
  for (const path of paths) {
    const x = configSequence(a, path);
    const y = configSequence(b, path);
    if (x.length !== y.length) {
      problems.push(`${path}: ${y.length} rules, expected ${x.length}`);
      continue;
    }
    x.forEach((row, i) => {
      const differs = differingKeys({ expected: row, actual: y[i]! });
      if (differs.length)
        problems.push(
          `${path} rule #${i}: ${differs.map((k) => `${k}=${y[i]![k] ?? "(none)"} (expected ${row[k] ?? "(none)"})`).join(", ")}`,
        );
    });
  }
  return problems;
}
