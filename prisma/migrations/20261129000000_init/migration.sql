-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RouterStatus" AS ENUM ('unknown', 'ok', 'unreachable', 'auth_failed', 'timed_out', 'error');

-- CreateEnum
CREATE TYPE "TlsMode" AS ENUM ('none', 'verify_ca', 'pin_fingerprint', 'anonymous_dh');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'operator', 'admin');

-- CreateTable
CREATE TABLE "routers" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 8728,
    "tls_mode" "TlsMode" NOT NULL DEFAULT 'none',
    "tls_ca_pem" TEXT,
    "tls_fingerprint" TEXT,
    "username" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "poll_interval_sec" INTEGER NOT NULL DEFAULT 10,
    "site" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ros_version" TEXT,
    "identity" TEXT,
    "status" "RouterStatus" NOT NULL DEFAULT 'unknown',
    "status_since" TIMESTAMP(3),
    "last_error" TEXT,
    "last_poll_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "routers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wans" (
    "id" SERIAL NOT NULL,
    "router_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "interface" TEXT NOT NULL,
    "address_list" TEXT,
    "connection_mark" TEXT,
    "routing_mark" TEXT,
    "routing_table" TEXT,
    "gateway" TEXT,
    "expected_weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "discovered" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "wans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "queue_backend" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "jobs_processed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "routers_name_key" ON "routers"("name");

-- CreateIndex
CREATE INDEX "routers_status_idx" ON "routers"("status");

-- CreateIndex
CREATE UNIQUE INDEX "wans_router_id_name_key" ON "wans"("router_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- AddForeignKey
ALTER TABLE "wans" ADD CONSTRAINT "wans_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

