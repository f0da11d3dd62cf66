import { randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../actions/write-audit";
import type { Db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { tokenScopeSchema, type Actor, type TokenScope } from "./roles";
import { hashToken } from "./session-token";

// API tokens: random 256-bit secrets shown once; the table keeps their SHA-256 (enough for a
// high-entropy secret, and cheap on every request) and the first characters to tell them apart.

export const TOKEN_PREFIX = "wsk_";

export const createApiTokenInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "enter a name")
      .max(80, "at most 80 characters")
      .regex(/^[\w .@:-]+$/, "letters, digits, spaces and . _ - @ : only"),
    scope: tokenScopeSchema,
    /** Absent: the token does not expire. */
    expiresAt: z.coerce.date({ message: "a date and time (ISO 8601)" }).optional(),
  })
  .strict();
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export type ApiTokenRow = {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
};

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`);

/** Make a token; the secret is in the answer only, never stored or logged. */
export async function createApiToken(options: {
  db: Db;
  input: CreateApiTokenInput;
  by: Actor;
  now: Date;
}): Promise<{ token: string; row: ApiTokenRow }> {
  const parsed = createApiTokenInput.safeParse(options.input);
  if (!parsed.success) throw new ValidationError("invalid token", issues(parsed.error));
  const { name, scope, expiresAt } = parsed.data;
  if (expiresAt && expiresAt.getTime() <= options.now.getTime())
    throw new ValidationError("invalid token", ["expiresAt: must be in the future"]);
  const secret = randomBytes(32).toString("base64url");
  const token = `${TOKEN_PREFIX}${secret}`;
  let row: ApiTokenRow;
  try {
    row = await options.db.apiToken.create({
      data: {
        name,
        scope,
        prefix: secret.slice(0, 8),
        tokenHash: hashToken(token),
        createdBy: options.by.id,
        expiresAt: expiresAt ?? null,
        createdAt: options.now,
      },
      select: SELECT,
    });
  } catch (error) {
    // The unique index decides a duplicate name, so two admins racing get one clear answer.
    if ((error as { code?: string }).code === "P2002")
      throw new ValidationError(`a token named ${name} already exists`, [`name: a token named ${name} already exists`]);
    throw error;
  }
  await writeAudit({
    ctx: { db: options.db },
    input: { user: options.by, action: "api_token.create", after: summary(row), result: "ok", at: options.now },
  });
  return { token, row };
}

/** Revoke a token at once; revoking twice changes nothing. */
export async function revokeApiToken(options: { db: Db; id: number; by: Actor; now: Date }): Promise<{ changed: boolean }> {
  const token = await options.db.apiToken.findUnique({ where: { id: options.id }, select: SELECT });
  if (!token) throw new NotFoundError("API token");
  if (token.revokedAt) return { changed: false };
  await options.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: options.now, revokedBy: options.by.id } });
  await writeAudit({
    ctx: { db: options.db },
    input: {
      user: options.by,
      action: "api_token.revoke",
      before: summary(token),
      after: { revokedAt: options.now },
      result: "ok",
      at: options.now,
    },
  });
  return { changed: true };
}

export async function listApiTokens(options: { db: Db }): Promise<ApiTokenRow[]> {
  return options.db.apiToken.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }], select: SELECT });
}

const SELECT = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
} as const;

function summary(row: ApiTokenRow) {
  return { id: row.id, name: row.name, scope: row.scope, prefix: row.prefix, expiresAt: row.expiresAt };
}
