-- CreateEnum
CREATE TYPE "FindingSeverity" AS ENUM ('critical', 'warning', 'info');

-- CreateEnum
CREATE TYPE "ConfigFixStatus" AS ENUM ('queued', 'applying', 'applied', 'refused', 'failed', 'restore_failed', 'rolling_back', 'rolled_back', 'rollback_failed');

-- CreateTable
CREATE TABLE "router_configs" (
    "router_id" INTEGER NOT NULL,
    "attempted_at" TIMESTAMP(3) NOT NULL,
    "read_at" TIMESTAMP(3),
    "fingerprint" TEXT,
    "ros_version" TEXT,
    "snapshot" JSONB,
    "refresh_requested_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),

    CONSTRAINT "router_configs_pkey" PRIMARY KEY ("router_id")
);

-- CreateTable
CREATE TABLE "config_findings" (
    "router_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "severity" "FindingSeverity" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "rule_ids" TEXT[],
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "audited_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "config_findings_pkey" PRIMARY KEY ("router_id","code","subject")
);

-- CreateTable
CREATE TABLE "config_fixes" (
    "id" SERIAL NOT NULL,
    "router_id" INTEGER NOT NULL,
    "finding_code" TEXT NOT NULL,
    "finding_subject" TEXT NOT NULL,
    "option" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "script" TEXT NOT NULL,
    "commands" JSONB NOT NULL,
    "touches" JSONB NOT NULL,
    "expectation" JSONB NOT NULL,
    "preview_fingerprint" TEXT NOT NULL,
    "status" "ConfigFixStatus" NOT NULL DEFAULT 'queued',
    "requested_by" INTEGER NOT NULL,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "applied_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "saved" JSONB,
    "progress" JSONB,
    "read_back" JSONB,
    "error" TEXT,
    "verdict" JSONB,
    "verdict_at" TIMESTAMP(3),
    "rollback_requested_by" INTEGER,
    "rollback_requested_at" TIMESTAMP(3),
    "rolled_back_at" TIMESTAMP(3),

    CONSTRAINT "config_fixes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "config_findings_code_idx" ON "config_findings"("code");

-- CreateIndex
CREATE INDEX "config_fixes_router_id_requested_at_idx" ON "config_fixes"("router_id", "requested_at");

-- CreateIndex
CREATE INDEX "config_fixes_status_idx" ON "config_fixes"("status");

-- AddForeignKey
ALTER TABLE "router_configs" ADD CONSTRAINT "router_configs_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_findings" ADD CONSTRAINT "config_findings_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_fixes" ADD CONSTRAINT "config_fixes_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

