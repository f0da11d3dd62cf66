-- AlterTable
ALTER TABLE "routers" ADD COLUMN     "last_attempt_at" TIMESTAMP(3);

