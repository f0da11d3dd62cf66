import { Prisma } from "../db/generated/client";

// A client search box: an exact IPv4 address, a CIDR prefix (10.1.0.0/16), a dotted prefix
// ("192.168.1." or "192.168"), or anything else (no address can match it).

export type AddressQuery =
  { kind: "exact"; address: string } | { kind: "cidr"; cidr: string } | { kind: "prefix"; prefix: string } | { kind: "none"; text: string };

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const EXACT = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?\\d)$`);
const PREFIX = new RegExp(`^${OCTET}(\\.${OCTET}){0,2}\\.?$`);

export function parseAddressQuery(raw: string): AddressQuery {
  const text = raw.trim();
  if (EXACT.test(text)) return { kind: "exact", address: text };
  if (CIDR.test(text)) return { kind: "cidr", cidr: text };
  if (PREFIX.test(text)) return { kind: "prefix", prefix: text.endsWith(".") ? text : `${text}.` };
  return { kind: "none", text };
}

/** A dotted prefix without the trailing dot ("192.168") also matches the address that equals it. */
function likePattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL condition on a text address column; list entries like ranges never match a CIDR (no cast error). */
export function addressCondition(options: { column: Prisma.Sql; query: AddressQuery }): Prisma.Sql {
  const { column, query } = options;
  switch (query.kind) {
    case "exact":
      return Prisma.sql`(${column} = ${query.address} OR ${column} = ${`${query.address}/32`})`;
    case "cidr":
      return Prisma.sql`(${column} ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?$' AND ${column}::inet <<= ${query.cidr}::inet)`;
    case "prefix":
      return Prisma.sql`${column} LIKE ${likePattern(query.prefix)}`;
    case "none":
      return Prisma.sql`false`;
  }
}
