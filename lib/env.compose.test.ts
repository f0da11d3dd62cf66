import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { envSchema } from "./env";

type Service = { build?: unknown; environment?: Record<string, unknown> };

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true }) as { services: Record<string, Service> };
  const ours = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

  it("runs web, worker and sim from our image, next to postgres and redis", () => {
    expect(ours.map(([name]) => name).sort()).toEqual(["sim", "web", "worker"]);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["postgres", "redis"]));
  });

  it("sets only variables that lib/env.ts knows", () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const [name, service] of ours) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(known.has(variable), `${name} sets ${variable}, which lib/env.ts does not declare`).toBe(true);
      }
    }
  });

  it("gives web and worker the multi-machine shape: external Postgres and Redis", () => {
    for (const name of ["web", "worker"]) {
      const environment = compose.services[name]?.environment ?? {};
      expect(String(environment.DATABASE_URL)).toMatch(/^postgresql:\/\/.+@postgres:5432\//);
      expect(String(environment.REDIS_URL)).toMatch(/^redis:\/\/redis:6379/);
    }
  });
});
