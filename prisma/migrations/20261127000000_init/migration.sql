-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "FieldMode" AS ENUM ('OFF', 'OPTIONAL', 'REQUIRED');

-- CreateEnum
CREATE TYPE "TokenStatus" AS ENUM ('ACTIVE', 'USED', 'FAILED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "UploadState" AS ENUM ('RECEIVED', 'VERIFIED', 'FAILED', 'PUBLISHED', 'REJECTED', 'DELETED');

-- CreateEnum
CREATE TYPE "UploadSource" AS ENUM ('CALLBACK', 'BACKGROUND', 'RECONCILED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "api_url" TEXT NOT NULL,
    "consumer_key" TEXT NOT NULL,
    "credentials_enc" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "from_settings" BOOLEAN NOT NULL DEFAULT false,
    "site_name" TEXT,
    "domain" TEXT,
    "permission_level" TEXT,
    "last_check_status" TEXT,
    "last_checked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intake_links" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "connection_id" UUID NOT NULL,
    "name_field" "FieldMode" NOT NULL DEFAULT 'REQUIRED',
    "email_field" "FieldMode" NOT NULL DEFAULT 'REQUIRED',
    "title_field" "FieldMode" NOT NULL DEFAULT 'OPTIONAL',
    "description_field" "FieldMode" NOT NULL DEFAULT 'OPTIONAL',
    "consent_text" TEXT,
    "album_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "publish" BOOLEAN NOT NULL DEFAULT false,
    "custom_variables" JSONB NOT NULL DEFAULT '{}',
    "valid_minutes" INTEGER NOT NULL DEFAULT 180,
    "max_uploads" INTEGER NOT NULL DEFAULT 1,
    "max_file_bytes" BIGINT,
    "max_duration_seconds" INTEGER,
    "upload_quota" INTEGER,
    "members_only" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "expires_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "intake_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload_tokens" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "link_id" UUID NOT NULL,
    "upload_token" TEXT NOT NULL,
    "state_nonce" TEXT NOT NULL,
    "state_used_at" TIMESTAMPTZ(3),
    "status" "TokenStatus" NOT NULL DEFAULT 'ACTIVE',
    "user_id" UUID,
    "requester_ip" TEXT,
    "contributor_name" TEXT,
    "contributor_email" TEXT,
    "title" TEXT,
    "description" TEXT,
    "consent_text" TEXT,
    "consent_at" TIMESTAMPTZ(3),
    "params" JSONB NOT NULL DEFAULT '{}',
    "max_uploads" INTEGER NOT NULL DEFAULT 1,
    "background_return" BOOLEAN NOT NULL DEFAULT false,
    "valid_until" TIMESTAMPTZ(3) NOT NULL,
    "error_message" TEXT,
    "reconciled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "uploads" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "link_id" UUID NOT NULL,
    "token_id" UUID NOT NULL,
    "photo_id" TEXT,
    "tree_id" TEXT,
    "photo_token" TEXT,
    "domain" TEXT,
    "state" "UploadState" NOT NULL DEFAULT 'RECEIVED',
    "source" "UploadSource" NOT NULL DEFAULT 'CALLBACK',
    "error_message" TEXT,
    "contributor_name" TEXT,
    "contributor_email" TEXT,
    "title" TEXT,
    "size_bytes" BIGINT,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_events" (
    "id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "background" BOOLEAN NOT NULL DEFAULT false,
    "params" JSONB NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "token_id" UUID,
    "upload_id" UUID,
    "ip" TEXT,

    CONSTRAINT "callback_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moderation_actions" (
    "id" UUID NOT NULL,
    "upload_id" UUID NOT NULL,
    "user_id" UUID,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moderation_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "intake_links_slug_key" ON "intake_links"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "upload_tokens_state_nonce_key" ON "upload_tokens"("state_nonce");

-- CreateIndex
CREATE INDEX "upload_tokens_status_valid_until_idx" ON "upload_tokens"("status", "valid_until");

-- CreateIndex
CREATE INDEX "upload_tokens_link_id_created_at_idx" ON "upload_tokens"("link_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "upload_tokens_connection_id_upload_token_key" ON "upload_tokens"("connection_id", "upload_token");

-- CreateIndex
CREATE INDEX "uploads_created_at_id_idx" ON "uploads"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "uploads_link_id_created_at_id_idx" ON "uploads"("link_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "uploads_state_created_at_id_idx" ON "uploads"("state", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "uploads_token_id_idx" ON "uploads"("token_id");

-- CreateIndex
CREATE UNIQUE INDEX "uploads_connection_id_photo_id_key" ON "uploads"("connection_id", "photo_id");

-- CreateIndex
CREATE INDEX "callback_events_received_at_idx" ON "callback_events"("received_at");

-- CreateIndex
CREATE INDEX "callback_events_upload_id_idx" ON "callback_events"("upload_id");

-- CreateIndex
CREATE INDEX "callback_events_token_id_idx" ON "callback_events"("token_id");

-- CreateIndex
CREATE INDEX "moderation_actions_upload_id_created_at_idx" ON "moderation_actions"("upload_id", "created_at");

-- AddForeignKey
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_tokens" ADD CONSTRAINT "upload_tokens_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_tokens" ADD CONSTRAINT "upload_tokens_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "intake_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_tokens" ADD CONSTRAINT "upload_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "intake_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "upload_tokens"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_events" ADD CONSTRAINT "callback_events_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
