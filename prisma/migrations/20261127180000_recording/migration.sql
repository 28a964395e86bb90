-- Issue #15: recording in the browser, guided by questions that become chapters on TwentyThree.
-- Existing links keep taking files only (allow_record false, allow_upload true).
CREATE TYPE "RecordMode" AS ENUM ('ONE_TAKE', 'CLIPS');
CREATE TYPE "ChaptersState" AS ENUM ('PENDING', 'DONE', 'FAILED');

ALTER TABLE "intake_links" ADD COLUMN "allow_record" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "intake_links" ADD COLUMN "allow_upload" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "intake_links" ADD COLUMN "allow_screen" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "intake_links" ADD COLUMN "record_mode" "RecordMode" NOT NULL DEFAULT 'ONE_TAKE';
ALTER TABLE "intake_links" ADD COLUMN "questions" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "intake_links" ADD COLUMN "max_record_seconds" INTEGER;

-- The recording's meta travels with its token; clips of one response share response_id.
ALTER TABLE "upload_tokens" ADD COLUMN "recording" JSONB;
ALTER TABLE "upload_tokens" ADD COLUMN "response_id" UUID;
ALTER TABLE "upload_tokens" ADD COLUMN "details_deferred" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "upload_tokens" ADD COLUMN "details_applied_at" TIMESTAMPTZ(3);
CREATE INDEX "upload_tokens_response_id_idx" ON "upload_tokens"("response_id");

ALTER TABLE "uploads" ADD COLUMN "chapters" "ChaptersState";
ALTER TABLE "uploads" ADD COLUMN "chapters_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "uploads" ADD COLUMN "chapters_error" TEXT;

CREATE TABLE "upload_sections" (
    "id" UUID NOT NULL,
    "upload_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,
    "start_time" DOUBLE PRECISION NOT NULL,
    "title" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "upload_sections_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "upload_sections_upload_id_question_id_key" ON "upload_sections"("upload_id", "question_id");
ALTER TABLE "upload_sections" ADD CONSTRAINT "upload_sections_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
