// Postgres decides uniqueness (a check-then-insert races); this reads which fields a unique violation
// was about from Prisma's error (P2002, with adapter-pg the fields sit under driverAdapterError).

type PrismaLike = { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } };

/** The fields of the violated unique constraint, or null when the error is not a unique violation. */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, meta } = error as PrismaLike;
  if (code !== "P2002") return null;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  return Array.isArray(fields) ? fields.map(String) : [];
}

export function isUniqueViolation(options: { error: unknown; field: string }): boolean {
  const fields = uniqueViolationFields(options.error);
  return fields !== null && (fields.length === 0 || fields.includes(options.field));
}
