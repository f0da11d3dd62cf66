import { z } from "zod";
import { isUniqueViolation, type Db } from "../db";
import { encryptSecret } from "../crypto/password-box";
import { ValidationError } from "../errors";
import { isValidFingerprint, normalizeFingerprint } from "../routeros";

// The fields that say where a router is, how to trust its TLS and how to log in (add and edit share them).
export const routerFields = z.object({
  name: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(253),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  tlsMode: z.enum(["none", "verify_ca", "pin_fingerprint", "anonymous_dh"]).default("none"),
  tlsCaPem: z.string().max(20_000).optional(),
  tlsFingerprint: z.string().max(200).optional(),
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  pollIntervalSec: z.coerce.number().int().min(2).max(3600).default(10),
  site: z.string().max(100).optional(),
  tags: z.array(z.string().max(50)).default([]),
});

/** verify_ca needs a CA certificate, pin_fingerprint a SHA-256 fingerprint. */
export function checkTlsFields(
  v: { tlsMode: string; tlsCaPem?: string | undefined; tlsFingerprint?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.tlsMode === "verify_ca" && !v.tlsCaPem?.includes("BEGIN CERTIFICATE"))
    ctx.addIssue({ code: "custom", path: ["tlsCaPem"], message: "a PEM CA certificate is required for verify_ca" });
  if (v.tlsMode === "pin_fingerprint" && !(v.tlsFingerprint && isValidFingerprint(v.tlsFingerprint)))
    ctx.addIssue({
      code: "custom",
      path: ["tlsFingerprint"],
      message: "a SHA-256 fingerprint (64 hex digits) is required for pin_fingerprint",
    });
}

// Adding a router needs only where it is, how to trust its TLS and credentials; WANs are discovered.
export const addRouterInput = routerFields.strict().superRefine(checkTlsFields);

export type AddRouterInput = z.input<typeof addRouterInput>;

export async function addRouter(options: { db: Db; secretKey: Buffer; input: AddRouterInput }): Promise<{ id: number; name: string }> {
  const parsed = addRouterInput.safeParse(options.input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid router",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const { password, port, tlsFingerprint, ...rest } = parsed.data;
  // The unique index decides, not a read before the insert: two adds of one name at once would both pass a read.
  try {
    return await options.db.router.create({
      data: {
        ...rest,
        port: port ?? (rest.tlsMode === "none" ? 8728 : 8729),
        tlsFingerprint: tlsFingerprint ? normalizeFingerprint(tlsFingerprint) : null,
        passwordEnc: encryptSecret(password, options.secretKey),
      },
      select: { id: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation({ error, field: "name" })) throw nameTaken(rest.name);
    throw error;
  }
}

export const nameTaken = (name: string): ValidationError =>
  new ValidationError(`a router named ${name} already exists`, [`name: a router named ${name} already exists`]);
