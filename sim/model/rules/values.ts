import { z } from "zod";
import { parseCidr, parseIp } from "../../engine/ip";
import { parseDuration } from "../format";

// Value checks shared by export loading and API writes: one zod schema per kind of RouterOS value.
export const text = z.string();
export const name = z.string().regex(/^[^\s!]+$/, "expected a name");
export const negName = z.string().regex(/^!?[^\s!]+$/, "expected a name, optionally with !");
export const yesNo = z.enum(["yes", "no", "true", "false"]);
export const cidr = z.string().refine((v) => parseCidr(v.replace(/^!/, "")) !== undefined, "expected an IPv4 address or prefix");
export const ip = z.string().refine((v) => parseIp(v) !== undefined, "expected an IPv4 address");
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "expected a number")
    .refine((v) => Number(v) >= min && Number(v) <= max, `expected ${min}..${max}`);
export const duration = z
  .string()
  .refine((v) => parseDuration(v) !== undefined || v === "none-dynamic" || v === "none-static", "expected a time like 1d or 00:05:00");

export function isYes(value: string | undefined): boolean {
  return value === "yes" || value === "true";
}

/** A zod issue in words, for an export's line problems and for API traps alike. */
export type ParamIssue = { kind: "unknown" | "missing" | "invalid"; key: string; detail: string };

export function paramIssues(error: z.ZodError): ParamIssue[] {
  const out: ParamIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) out.push({ kind: "unknown", key, detail: "" });
    else if (issue.code === "invalid_type" && issue.input === undefined)
      out.push({ kind: "missing", key: issue.path.join("."), detail: "" });
    else out.push({ kind: "invalid", key: issue.path.join("."), detail: issue.message });
  }
  return out;
}

/** Thrown by the rule and route compilers; export loading lists every issue, the API traps on the first. */
export class ParamsError extends Error {
  constructor(readonly issues: ParamIssue[]) {
    super(issues.map((i) => `${i.kind} ${i.key}${i.detail ? `: ${i.detail}` : ""}`).join("; "));
    this.name = "ParamsError";
  }
}
