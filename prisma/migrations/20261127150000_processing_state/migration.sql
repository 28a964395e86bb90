-- Issue #16: TwentyThree's processing of each confirmed upload (lib/processing), its length and a
-- thumbnail URL on the connection's own domain. All nullable: existing rows are picked up by the
-- verify sweep, which queues a processing check for every confirmed row without a final state.
CREATE TYPE "ProcessingState" AS ENUM ('PROCESSING', 'READY', 'FAILED', 'TIMED_OUT');
ALTER TABLE "uploads" ADD COLUMN "processing" "ProcessingState";
ALTER TABLE "uploads" ADD COLUMN "processing_percent" INTEGER;
ALTER TABLE "uploads" ADD COLUMN "processing_since" TIMESTAMPTZ(3);
ALTER TABLE "uploads" ADD COLUMN "processing_error" TEXT;
ALTER TABLE "uploads" ADD COLUMN "ready_at" TIMESTAMPTZ(3);
ALTER TABLE "uploads" ADD COLUMN "video_length" DOUBLE PRECISION;
ALTER TABLE "uploads" ADD COLUMN "thumbnail_url" TEXT;
-- The sweep's query (confirmed rows still to follow) stays off a 200 000-row scan.
CREATE INDEX "uploads_processing_pending_idx" ON "uploads"("verified_at") WHERE (processing IS NULL OR processing = 'PROCESSING'::"ProcessingState") AND verified_at IS NOT NULL;
