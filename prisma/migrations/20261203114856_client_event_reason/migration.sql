-- AlterTable
ALTER TABLE "client_events" ADD COLUMN     "reason" TEXT;

