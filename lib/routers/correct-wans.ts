import { z } from "zod";
import { writeAudit } from "../actions/write-audit";
import type { Db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import type { AuditUser } from "./context";

// An admin's correction of what discovery found. Corrected WANs are marked discovered = false, which
// saveDiscoveredSetup leaves alone, so the next discovery keeps the correction.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

export const correctWansInput = z
  .object({
    routerId: z.coerce.number().int().positive(),
    wans: z
      .array(
        z
          .object({
            id: z.coerce.number().int().positive(),
            expectedWeight: z.coerce.number().min(0).max(1),
            interface: z.string().trim().min(1).max(100),
            addressList: optionalText(100),
            gateway: optionalText(100),
          })
          .strict(),
      )
      .min(1)
      .max(32),
  })
  .strict()
  .superRefine((v, ctx) => {
    const total = v.wans.reduce((sum, w) => sum + w.expectedWeight, 0);
    if (total > 1.0001)
      ctx.addIssue({ code: "custom", path: ["wans"], message: `expected weights add up to ${total.toFixed(2)}; at most 1` });
  });
export type CorrectWansInput = z.input<typeof correctWansInput>;

export async function correctWans(options: { ctx: { db: Db }; input: CorrectWansInput; user: AuditUser }): Promise<{ changed: number }> {
  const parsed = correctWansInput.safeParse(options.input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid WAN settings",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const { routerId, wans } = parsed.data;
  const stored = await options.ctx.db.wan.findMany({ where: { routerId, id: { in: wans.map((w) => w.id) } } });
  if (stored.length !== wans.length) throw new NotFoundError("WAN");
  const pick = (w: { expectedWeight: number; interface: string; addressList: string | null; gateway: string | null }) => ({
    expectedWeight: w.expectedWeight,
    interface: w.interface,
    addressList: w.addressList,
    gateway: w.gateway,
  });
  const changes = wans.flatMap((w) => {
    const old = stored.find((s) => s.id === w.id)!;
    return JSON.stringify(pick(old)) === JSON.stringify(pick(w)) ? [] : [{ name: old.name, id: w.id, before: pick(old), after: pick(w) }];
  });
  await options.ctx.db.$transaction(
    changes.map((c) => options.ctx.db.wan.update({ where: { id: c.id }, data: { ...c.after, discovered: false } })),
  );
  if (changes.length > 0) {
    await writeAudit({
      ctx: options.ctx,
      input: {
        user: options.user,
        action: "router.wans_correct",
        routerId,
        before: Object.fromEntries(changes.map((c) => [c.name, c.before])),
        after: Object.fromEntries(changes.map((c) => [c.name, c.after])),
        result: "ok",
      },
    });
  }
  return { changed: changes.length };
}
