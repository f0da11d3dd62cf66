import { z } from "zod";
import { RouterProtocolError, clip } from "./errors";
import { parseRouterOsDuration } from "./duration";

// zod pieces for router replies. Every value arrives as a string and is untrusted: parse strictly,
// and turn a failure into one RouterProtocolError that names the path, the row and the field.

export type RosRow = Record<string, string>;

export const rosBool = z.enum(["true", "false", "yes", "no"]).transform((v) => v === "true" || v === "yes");

/** Absent flags mean false (RouterOS omits many false flags in v7). */
export const rosFlag = rosBool.optional().transform((v) => v ?? false);

export const rosCount = z
  .string()
  .regex(/^\d+$/, "expected a non-negative integer")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "integer too large");

export const rosDuration = z.string().transform((text, ctx) => {
  const seconds = parseRouterOsDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: "custom", message: `not a duration: ${JSON.stringify(clip(text, 40))}` });
    return z.NEVER;
  }
  return seconds;
});

/** Names used as keys (interfaces, lists, marks): bounded, no control characters. */
export const rosName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "control characters in a name");

/** Free text (comments): kept as data, only bounded. */
export const rosText = z.string().max(4096);

export const rosId = z.string().regex(/^\*[0-9A-Fa-f]+$/, "expected an item id like *1A");

export function parseRows<T>(options: { path: string; rows: readonly RosRow[]; schema: z.ZodType<T> }): T[] {
  return options.rows.map((row, index) => parseRow({ path: options.path, row, index, schema: options.schema }));
}

export function parseRow<T>(options: { path: string; row: RosRow; index?: number; schema: z.ZodType<T> }): T {
  const result = options.schema.safeParse(options.row);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(row)"}: ${issue.message}`);
  const at = options.index === undefined ? "" : ` row ${options.index}`;
  throw new RouterProtocolError(`invalid reply from ${options.path}${at}: ${clip(issues.join("; "), 300)}`, { issues });
}
