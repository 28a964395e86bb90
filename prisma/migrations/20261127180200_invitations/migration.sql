-- Issue #17: personal invitations per intake link, their funnel (sent → delivered/bounced →
-- opened → started → uploaded → verified), reminders and opt-out; the link's invitation template
-- and reminder settings; the upload token an invitee minted points back at the invitation.
ALTER TABLE "intake_links" ADD COLUMN "invite_subject" TEXT;
ALTER TABLE "intake_links" ADD COLUMN "invite_body" TEXT;
ALTER TABLE "intake_links" ADD COLUMN "invite_valid_days" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "intake_links" ADD COLUMN "reminder_count" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "intake_links" ADD COLUMN "reminder_interval_hours" INTEGER NOT NULL DEFAULT 72;

CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "link_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "bounced_at" TIMESTAMPTZ(3),
    "bounce_reason" TEXT,
    "opened_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "uploaded_at" TIMESTAMPTZ(3),
    "verified_at" TIMESTAMPTZ(3),
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "next_reminder_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "sends" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invitations_link_id_email_key" ON "invitations"("link_id", "email");
CREATE INDEX "invitations_next_reminder_at_idx" ON "invitations"("next_reminder_at");
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "intake_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "upload_tokens" ADD COLUMN "invitation_id" UUID;
CREATE INDEX "upload_tokens_invitation_id_idx" ON "upload_tokens"("invitation_id");
ALTER TABLE "upload_tokens" ADD CONSTRAINT "upload_tokens_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
