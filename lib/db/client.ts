import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { ConfigError } from "../errors";
import { getEnv } from "../env";

// One Prisma client per process. Next.js dev reloads modules, so the instance lives on globalThis.
const holder = globalThis as unknown as { __wanscopeDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (holder.__wanscopeDb) return holder.__wanscopeDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new ConfigError("DATABASE_URL is not resolved; call resolveDatabase() at start-up");
  holder.__wanscopeDb = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: getEnv().DB_POOL_MAX }) });
  return holder.__wanscopeDb;
}

export async function disconnectDb(): Promise<void> {
  const db = holder.__wanscopeDb;
  holder.__wanscopeDb = undefined;
  await db?.$disconnect();
}

export type Db = PrismaClient;
