-- CreateEnum
CREATE TYPE "Resolution" AS ENUM ('minute', 'hour');

-- CreateEnum
CREATE TYPE "ClientEventKind" AS ENUM ('joined', 'left', 'moved', 'dual_listed', 'dual_cleared');

-- AlterTable
ALTER TABLE "routers" ADD COLUMN     "balancing_method" TEXT,
ADD COLUMN     "discovered_at" TIMESTAMP(3),
ADD COLUMN     "discovery_warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "wans" ADD COLUMN     "classifier" JSONB;

-- CreateTable
CREATE TABLE "router_poll_state" (
    "router_id" INTEGER NOT NULL,
    "polled_at" TIMESTAMP(3) NOT NULL,
    "uptime_sec" INTEGER NOT NULL,
    "counters" JSONB NOT NULL,

    CONSTRAINT "router_poll_state_pkey" PRIMARY KEY ("router_id")
);

-- CreateTable
CREATE TABLE "wan_samples" (
    "wan_id" INTEGER NOT NULL,
    "router_id" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "rx_bps" DOUBLE PRECISION,
    "tx_bps" DOUBLE PRECISION,
    "connections" INTEGER NOT NULL,
    "new_connections" INTEGER,
    "route_active" BOOLEAN NOT NULL,
    "running" BOOLEAN NOT NULL,

    CONSTRAINT "wan_samples_pkey" PRIMARY KEY ("wan_id","ts")
);

-- CreateTable
CREATE TABLE "router_samples" (
    "router_id" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "cpu_load" INTEGER,
    "uptime_sec" INTEGER NOT NULL,
    "connections_total" INTEGER NOT NULL,
    "connections_unmarked" INTEGER NOT NULL,
    "new_connections_total" INTEGER,
    "new_connections_unmarked" INTEGER,
    "clients" INTEGER NOT NULL,
    "dual_listed" INTEGER NOT NULL,
    "list_counts" JSONB NOT NULL,
    "poll_ms" INTEGER NOT NULL,
    "rebooted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "router_samples_pkey" PRIMARY KEY ("router_id","ts")
);

-- CreateTable
CREATE TABLE "wan_rollups" (
    "wan_id" INTEGER NOT NULL,
    "router_id" INTEGER NOT NULL,
    "resolution" "Resolution" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "rx_bps_avg" DOUBLE PRECISION,
    "tx_bps_avg" DOUBLE PRECISION,
    "rx_bps_max" DOUBLE PRECISION,
    "tx_bps_max" DOUBLE PRECISION,
    "connections_avg" DOUBLE PRECISION NOT NULL,
    "new_connections" INTEGER,
    "route_up_samples" INTEGER NOT NULL,

    CONSTRAINT "wan_rollups_pkey" PRIMARY KEY ("wan_id","resolution","bucket")
);

-- CreateTable
CREATE TABLE "router_rollups" (
    "router_id" INTEGER NOT NULL,
    "resolution" "Resolution" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "cpu_load_avg" DOUBLE PRECISION,
    "connections_total_avg" DOUBLE PRECISION NOT NULL,
    "connections_unmarked_avg" DOUBLE PRECISION NOT NULL,
    "new_connections_total" INTEGER,
    "new_connections_unmarked" INTEGER,
    "clients_avg" DOUBLE PRECISION NOT NULL,
    "dual_listed_max" INTEGER NOT NULL,

    CONSTRAINT "router_rollups_pkey" PRIMARY KEY ("router_id","resolution","bucket")
);

-- CreateTable
CREATE TABLE "client_memberships" (
    "router_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "dynamic" BOOLEAN NOT NULL DEFAULT true,
    "entry_id" TEXT,

    CONSTRAINT "client_memberships_pkey" PRIMARY KEY ("router_id","address","list")
);

-- CreateTable
CREATE TABLE "clients" (
    "router_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "lists" TEXT[],
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_change_at" TIMESTAMP(3) NOT NULL,
    "dual_listed_since" TIMESTAMP(3),

    CONSTRAINT "clients_pkey" PRIMARY KEY ("router_id","address")
);

-- CreateTable
CREATE TABLE "client_events" (
    "id" BIGSERIAL NOT NULL,
    "router_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "kind" "ClientEventKind" NOT NULL,
    "from_list" TEXT,
    "to_list" TEXT,

    CONSTRAINT "client_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wan_samples_router_id_ts_idx" ON "wan_samples"("router_id", "ts");

-- CreateIndex
CREATE INDEX "router_samples_ts_idx" ON "router_samples"("ts");

-- CreateIndex
CREATE INDEX "wan_rollups_router_id_resolution_bucket_idx" ON "wan_rollups"("router_id", "resolution", "bucket");

-- CreateIndex
CREATE INDEX "router_rollups_resolution_bucket_idx" ON "router_rollups"("resolution", "bucket");

-- CreateIndex
CREATE INDEX "client_memberships_router_id_list_idx" ON "client_memberships"("router_id", "list");

-- CreateIndex
CREATE INDEX "client_memberships_address_idx" ON "client_memberships"("address");

-- CreateIndex
CREATE INDEX "clients_dual_listed_since_idx" ON "clients"("dual_listed_since");

-- CreateIndex
CREATE INDEX "clients_address_idx" ON "clients"("address");

-- CreateIndex
CREATE INDEX "client_events_router_id_ts_idx" ON "client_events"("router_id", "ts");

-- CreateIndex
CREATE INDEX "client_events_router_id_address_ts_idx" ON "client_events"("router_id", "address", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "client_events_router_id_address_ts_kind_key" ON "client_events"("router_id", "address", "ts", "kind");

-- AddForeignKey
ALTER TABLE "router_poll_state" ADD CONSTRAINT "router_poll_state_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

