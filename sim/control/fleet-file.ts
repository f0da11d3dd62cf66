import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { VERSION_NAMES, type VersionName } from "../model/personality";
import { behaviourMixSchema } from "../traffic/behaviours";
import { faultRequestSchema } from "./faults";

const serviceEntry = z.object({ maxSessions: z.number().int().min(1).max(1000).optional(), disabled: z.boolean().optional() }).strict();

const routerEntry = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ - only")
      .optional(),
    /** how many routers this entry stands for (names get -001, -002, ...) */
    count: z.number().int().min(1).max(10_000).default(1),
    version: z.enum(VERSION_NAMES as [VersionName, ...VersionName[]]).default("6.49"),
    /** path of an export script, relative to the fleet file */
    export: z.string().optional(),
    /** API sessions: ms to log in, ms a started sentence may stall (0: never); default 60,000 each */
    apiTimeouts: z
      .object({
        loginMs: z.number().int().min(0).max(86_400_000).optional(),
        sentenceMs: z.number().int().min(0).max(86_400_000).optional(),
      })
      .strict()
      .optional(),
    /** load what the simulator can model from the export and list what it skipped */
    lenient: z.boolean().default(false),
    clients: z.number().int().min(0).max(20_000).default(50),
    behaviours: behaviourMixSchema.optional(),
    listVisibilityDelayMs: z.number().min(0).max(60_000).default(30),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    tlsMode: z.enum(["certificate", "anonymous-dh"]).default("certificate"),
    faults: faultRequestSchema.optional(),
    /** `/ip service` settings of api and api-ssl, over the export's */
    services: z.object({ api: serviceEntry.optional(), "api-ssl": serviceEntry.optional() }).strict().optional(),
  })
  .strict();

export const fleetFileSchema = z
  .object({
    seed: z.number().int().optional(),
    timeScale: z.number().positive().max(100_000).optional(),
    routers: z.array(routerEntry).min(1),
  })
  .strict();

export type FleetFile = z.infer<typeof fleetFileSchema>;
export type FleetFileRouter = FleetFile["routers"][number] & { exportPath?: string };

/** Reads a JSON or YAML fleet file; errors name the file and each bad field. */
export function readFleetFile(path: string): { file: FleetFile; routers: FleetFileRouter[] } {
  const text = readFileSync(path, "utf8");
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`);
  }
  const parsed = fleetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new Error(`${path}: invalid fleet file\n${lines.join("\n")}`);
  }
  const base = dirname(resolve(path));
  return {
    file: parsed.data,
    routers: parsed.data.routers.map((r) => ({ ...r, exportPath: r.export === undefined ? undefined : resolve(base, r.export) })),
  };
}
