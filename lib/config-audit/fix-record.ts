import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { configSnapshotSchema } from "./snapshot";
import { FINDING_CODES, PATHS } from "./types";

// The JSON columns of a ConfigFix, validated when read back: a job never acts on a row it cannot parse.

const path = z.enum([PATHS.mangle, PATHS.nat, PATHS.route, PATHS.routingTable]);
const id = z.string().regex(/^\*[0-9A-Fa-f]+$/);
const props = z.record(z.string().min(1).max(64), z.string().max(4096));

export const fixCommandSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), path, props, placeBefore: id.optional() }),
  z.object({ op: z.literal("set"), path, id, props }),
  z.object({ op: z.literal("unset"), path, id, prop: z.string().min(1).max(64) }),
  z.object({ op: z.literal("remove"), path, id }),
  z.object({ op: z.literal("move"), path, id, destination: id }),
  z.object({ op: z.literal("enable"), path, id }),
  z.object({ op: z.literal("disable"), path, id }),
]);
export const fixCommandsSchema = z.array(fixCommandSchema).min(1).max(64);

export const ruleRefsSchema = z.array(z.object({ path, id, position: z.number().int(), text: z.string() }));

export const expectationSchema = z.object({
  summary: z.string(),
  checks: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("share"), wan: z.string(), target: z.number(), tolerance: z.number() }),
      z.object({ kind: z.literal("unmarked"), max: z.number() }),
      z.object({ kind: z.literal("no-new-dual-listed") }),
      z.object({ kind: z.literal("no-new-dual-listed-pinned") }),
    ]),
  ),
  minNewConnections: z.number().int().min(0),
  minMinutes: z.number().min(0),
});

export const savedSchema = configSnapshotSchema;
export const progressSchema = z.object({ done: z.number().int().min(0), addedIds: z.array(id) });
export type FixProgress = z.infer<typeof progressSchema>;

export const findingCodeSchema = z.enum(FINDING_CODES);

export const toJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
