import { Prisma } from "./generated/client";

// Raw SQL helpers. Columns are `timestamp(3)` holding UTC (as Prisma writes them); sending ISO text
// cast to timestamp and reading epoch milliseconds keeps raw queries independent of session time zones.

export const tsParam = (at: Date): Prisma.Sql => Prisma.sql`${at.toISOString()}::timestamp`;

export const epochMs = (column: Prisma.Sql): Prisma.Sql => Prisma.sql`(extract(epoch from ${column}) * 1000)::float8`;

export const dateOrNull = (ms: number | null | undefined): Date | null => (ms === null || ms === undefined ? null : new Date(ms));

export const numberOrNull = (value: number | bigint | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

export { Prisma };

/**
 * Rows of a query as one JSON value: for result sets of hundreds of rows, one JSON.parse is cheaper
 * than the driver decoding each row and column. Row order is not kept.
 */
export async function queryJsonRows<T>(options: { db: { $queryRaw<R>(query: Prisma.Sql): Promise<R> }; query: Prisma.Sql }): Promise<T[]> {
  const [row] = await options.db.$queryRaw<{ rows: T[] }[]>(
    Prisma.sql`SELECT coalesce(jsonb_agg(x), '[]'::jsonb) AS rows FROM (${options.query}) x`,
  );
  return row?.rows ?? [];
}
