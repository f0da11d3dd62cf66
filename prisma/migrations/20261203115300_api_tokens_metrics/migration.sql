-- CreateEnum
CREATE TYPE "ApiTokenScope" AS ENUM ('metrics', 'viewer', 'operator', 'admin');

-- AlterTable
ALTER TABLE "client_actions" ADD COLUMN     "requested_by_token" INTEGER,
ALTER COLUMN "requested_by" DROP NOT NULL;

-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "api_token_id" INTEGER;

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scope" "ApiTokenScope" NOT NULL,
    "created_by" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "revoked_by" INTEGER,
    "last_used_at" TIMESTAMP(3),
    "last_used_ip" TEXT,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_rate_windows" (
    "token_id" INTEGER NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "api_rate_windows_pkey" PRIMARY KEY ("token_id","window_start")
);

-- CreateTable
CREATE TABLE "worker_poll_counters" (
    "worker_id" TEXT NOT NULL,
    "polls" BIGINT NOT NULL DEFAULT 0,
    "failures" BIGINT NOT NULL DEFAULT 0,
    "lag_buckets" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "lag_sum_sec" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "worker_poll_counters_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_name_key" ON "api_tokens"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_rate_windows_window_start_idx" ON "api_rate_windows"("window_start");

-- CreateIndex
CREATE INDEX "audit_entries_api_token_id_at_idx" ON "audit_entries"("api_token_id", "at");

