import { z } from "zod";
import { writeAudit } from "../actions/write-audit";
import { encryptSecret } from "../crypto/password-box";
import { isUniqueViolation } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { normalizeFingerprint } from "../routeros";
import { checkTlsFields, nameTaken, routerFields } from "./add-router";
import { resyncPollSchedulers, routerSummary, type AuditUser, type RouterAdminCtx } from "./context";

// Edit where and how to reach a router. The password is write-only: empty keeps the stored one.
export const updateRouterInput = routerFields
  .extend({
    id: z.coerce.number().int().positive(),
    password: z.string().max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine(checkTlsFields);
export type UpdateRouterInput = z.input<typeof updateRouterInput>;

export async function updateRouter(options: {
  ctx: RouterAdminCtx;
  input: UpdateRouterInput;
  user: AuditUser;
}): Promise<{ id: number; passwordChanged: boolean; schedulesSynced: boolean }> {
  const { ctx } = options;
  const parsed = updateRouterInput.safeParse(options.input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid router",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const { id, password, port, tlsCaPem, tlsFingerprint, site, ...rest } = parsed.data;
  const before = await ctx.db.router.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("router");
  const passwordChanged = password !== undefined && password !== "";
  const after = await ctx.db.router
    .update({
      where: { id },
      data: {
        ...rest,
        port: port ?? (rest.tlsMode === "none" ? 8728 : 8729),
        tlsCaPem: rest.tlsMode === "verify_ca" ? (tlsCaPem ?? null) : null,
        tlsFingerprint: rest.tlsMode === "pin_fingerprint" && tlsFingerprint ? normalizeFingerprint(tlsFingerprint) : null,
        site: site ? site : null,
        ...(passwordChanged ? { passwordEnc: encryptSecret(password, ctx.secretKey) } : {}),
      },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation({ error, field: "name" }) ? nameTaken(rest.name) : error;
    });
  await writeAudit({
    ctx,
    input: {
      user: options.user,
      action: "router.update",
      routerId: id,
      before: routerSummary(before),
      after: routerSummary(after),
      result: "ok",
      details: { passwordChanged },
    },
  });
  return { id, passwordChanged, schedulesSynced: await resyncPollSchedulers(ctx) };
}
