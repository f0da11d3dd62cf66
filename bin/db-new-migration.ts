// `npm run db:new-migration -- <name>`: write prisma/migrations/<timestamp>_<name>/migration.sql from
// the difference between the committed schema.prisma (HEAD) and the working copy. Prisma's JS engine
// cannot run `migrate dev`, so migrations are made by diffing schemas (docs/adr/0001).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:new-migration -- <name_in_snake_case>\n");
  process.exit(2);
}
const previous = join(tmpdir(), `wanscope-prev-${process.pid}.prisma`);
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const sql = execFileSync(
  process.execPath,
  [prismaCli, "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
);
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  process.stdout.write("schema.prisma has no changes against HEAD\n");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
process.stdout.write(`wrote ${dir}/migration.sql\n`);
