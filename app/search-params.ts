import { z } from "zod";
import { HEALTHS } from "@/lib/metrics/router-health";
import { RANGES } from "@/lib/metrics/series-plan";
import { FLEET_SORTS } from "@/lib/queries/fleet-overview";
import { CLIENT_SORTS } from "@/lib/queries/router-clients";
import { CONFIG_FLEET_SORTS } from "@/lib/queries/config-findings";
import { FINDING_CODES } from "@/lib/config-audit/types";

// Query strings of the dashboard pages: shareable, so every filter and range lives here, validated.
// A bad value yields readable issues ("status: ...") for the page to show instead of crashing.

export type RawSearchParams = Record<string, string | string[] | undefined>;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));
const flag = z
  .enum(["1", "0"], { message: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1");
const page = z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "starts at 1").max(100_000).default(1);
const dir = z.enum(["asc", "desc"], { message: "use asc or desc" }).optional();
const pageSize = (sizes: readonly number[], fallback: number) =>
  z.coerce
    .number({ message: "must be a number" })
    .refine((n) => sizes.includes(n), `one of ${sizes.join(", ")}`)
    .default(fallback);

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export const fleetParamsSchema = z.object({
  q: text(100),
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : []))
    .pipe(z.array(z.enum(HEALTHS, { message: `use ${HEALTHS.join(", ")}` }))),
  site: text(100),
  tag: text(100),
  imbalanced: flag,
  dual: flag,
  sort: z.enum(FLEET_SORTS, { message: `use ${FLEET_SORTS.join(", ")}` }).default("status"),
  dir,
  page,
  size: pageSize(PAGE_SIZES, 25),
});
export type FleetParams = z.infer<typeof fleetParamsSchema>;

export const routerParamsSchema = z.object({
  range: z.enum(RANGES, { message: `use ${RANGES.join(", ")}` }).default("1h"),
  cq: text(100),
  clist: text(100),
  cdual: flag,
  csort: z.enum(CLIENT_SORTS, { message: `use ${CLIENT_SORTS.join(", ")}` }).default("address"),
  cdir: dir,
  cpage: page,
});
export type RouterParams = z.infer<typeof routerParamsSchema>;

export const routerIdSchema = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .positive("must be positive")
  .max(2_147_483_647);

export const configFleetParamsSchema = z.object({
  sort: z.enum(CONFIG_FLEET_SORTS, { message: `use ${CONFIG_FLEET_SORTS.join(", ")}` }).default("worst"),
  dir,
  code: z.enum(FINDING_CODES, { message: `use ${FINDING_CODES.join(", ")}` }).optional(),
});
export type ConfigFleetParams = z.infer<typeof configFleetParamsSchema>;

export const listParamsSchema = z.object({ q: text(100), page });

export type Parsed<T> = { ok: true; data: T } | { ok: false; issues: string[] };

/** Repeated keys keep their first value; each issue names its parameter. */
export function parseSearchParams<T>(schema: z.ZodType<T>, raw: RawSearchParams): Parsed<T> {
  const flat: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(raw)) flat[key] = Array.isArray(value) ? value[0] : value;
  const result = schema.safeParse(flat);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`) };
}
