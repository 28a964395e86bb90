-- Issue #16: telling the team by e-mail. Per-link recipients and mode; an outbox of messages,
-- each sent by a pg-boss job and marked once sent (dedupe_key: never queued twice).
CREATE TYPE "NotifyMode" AS ENUM ('EACH', 'DIGEST', 'OFF');
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');
ALTER TABLE "intake_links" ADD COLUMN "notify_emails" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "intake_links" ADD COLUMN "notify_mode" "NotifyMode" NOT NULL DEFAULT 'EACH';
ALTER TABLE "intake_links" ADD COLUMN "notify_ready" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "mail_messages" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "link_id" UUID NOT NULL,
    "upload_id" UUID,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "mail_messages_dedupe_key_key" ON "mail_messages"("dedupe_key");
CREATE INDEX "mail_messages_link_id_created_at_idx" ON "mail_messages"("link_id", "created_at");
CREATE INDEX "mail_messages_upload_id_idx" ON "mail_messages"("upload_id");
CREATE INDEX "mail_messages_status_created_at_idx" ON "mail_messages"("status", "created_at");
