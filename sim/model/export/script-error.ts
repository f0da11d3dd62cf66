export type ScriptProblem = { line: number; message: string };

/** Every problem found in an export script, each with its line number; loading never half-succeeds. */
export class ExportScriptError extends Error {
  constructor(
    readonly problems: ScriptProblem[],
    readonly source = "export",
  ) {
    super(`${source}: ${problems.length} problem(s)\n` + problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n"));
    this.name = "ExportScriptError";
  }
}
