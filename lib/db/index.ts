export { getDb, disconnectDb, type Db } from "./client";
export { resolveDatabase, databaseKind, type ResolvedDatabase } from "./resolve-database";
export { migrateDatabase } from "./migrate";
export { describeUrl } from "./check-reachable";
export { isUniqueViolation, uniqueViolationFields } from "./unique-violation";
export { isDatabaseUnavailable } from "./unavailable";
