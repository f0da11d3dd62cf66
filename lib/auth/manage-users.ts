import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isUniqueViolation, type Db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { hashPassword } from "./password";
import { roleSchema, type Role } from "./roles";

// Users are made by the CLI (the first admin), by the demo, and by admins on /admin/users.

export const passwordSchema = z.string().min(12, "at least 12 characters").max(200);
export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email().max(200),
    name: z.string().trim().min(1).max(100),
    role: roleSchema,
    password: passwordSchema,
  })
  .strict();

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

export const generatePassword = (): string => randomBytes(15).toString("base64url");

export async function createUser({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: z.input<typeof createUserInput>;
}): Promise<{ id: number; email: string; role: Role }> {
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("invalid user", issues(parsed.error));
  const existing = await ctx.db.user.findUnique({ where: { email: parsed.data.email } });
  if (existing) throw new ValidationError(`a user with email ${parsed.data.email} already exists`);
  // The read above spares a password hash; the unique index decides a race between two adds.
  const user = await ctx.db.user
    .create({
      data: {
        email: parsed.data.email,
        name: parsed.data.name,
        role: parsed.data.role,
        passwordHash: await hashPassword(parsed.data.password),
      },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation({ error, field: "email" })) throw new ValidationError(`a user with email ${parsed.data.email} already exists`);
      throw error;
    });
  return { id: user.id, email: user.email, role: user.role as Role };
}

export const updateUserInput = z.discriminatedUnion("change", [
  z.object({ change: z.literal("role"), userId: z.coerce.number().int().positive(), role: roleSchema }),
  z.object({
    change: z.literal("disabled"),
    userId: z.coerce.number().int().positive(),
    disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
  }),
  z.object({ change: z.literal("password"), userId: z.coerce.number().int().positive(), password: passwordSchema }),
]);

/** Change a user's role, disable or enable them, or reset their password; ends their sessions except on a role change. */
export async function updateUser({
  ctx,
  input,
  byUserId,
}: {
  ctx: { db: Db };
  input: z.input<typeof updateUserInput>;
  byUserId: number;
}): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  const parsed = updateUserInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("invalid change", issues(parsed.error));
  const change = parsed.data;
  const user = await ctx.db.user.findUnique({ where: { id: change.userId } });
  if (!user) throw new NotFoundError("user");
  // An admin cannot lock themselves out by demoting or disabling their own account.
  if (change.userId === byUserId && change.change !== "password")
    throw new ValidationError("You cannot change your own role or disable yourself.");
  if (change.change === "role") {
    await ctx.db.user.update({ where: { id: user.id }, data: { role: change.role } });
    return { before: { role: user.role }, after: { role: change.role } };
  }
  if (change.change === "disabled") {
    await ctx.db.user.update({ where: { id: user.id }, data: { disabled: change.disabled } });
    if (change.disabled) await ctx.db.userSession.deleteMany({ where: { userId: user.id } });
    return { before: { disabled: user.disabled }, after: { disabled: change.disabled } };
  }
  await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(change.password) } });
  await ctx.db.userSession.deleteMany({ where: { userId: user.id } });
  return { before: {}, after: { passwordReset: true } };
}

export async function listUsers({ ctx }: { ctx: { db: Db } }) {
  return ctx.db.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
  });
}
