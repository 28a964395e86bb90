-- Issue #13: TwentyThree, not the first callback, decides who owns an object.
-- * DISOWNED: TwentyThree does not list the object under the row's upload token (forged or
--   squatting callback). Added here, used only by later statements at run time (PostgreSQL
--   refuses a new enum value inside the transaction that added it, and none is used below).
ALTER TYPE "UploadState" ADD VALUE IF NOT EXISTS 'DISOWNED';

-- * The first callback no longer wins (connection, photo_id): several unconfirmed claims may
--   coexist, one row per token and photo (idempotent callbacks), and only one confirmed row
--   (verified_at set by a listing under its own upload token) per connection and photo.
--   Existing rows already satisfy both: the old key was stricter.
DROP INDEX "uploads_connection_id_photo_id_key";
CREATE UNIQUE INDEX "uploads_token_id_photo_id_key" ON "uploads"("token_id", "photo_id");
CREATE UNIQUE INDEX "uploads_confirmed_photo_key" ON "uploads"("connection_id", "photo_id") WHERE "verified_at" IS NOT NULL;
CREATE INDEX "uploads_connection_id_photo_id_idx" ON "uploads"("connection_id", "photo_id");

-- * Rejected callbacks are stored bounded: a SHA-256 of what arrived and a short excerpt, no
--   params. Accepted ones keep their params. Swept by outcome and age.
ALTER TABLE "callback_events" ALTER COLUMN "params" DROP NOT NULL;
ALTER TABLE "callback_events" ADD COLUMN "params_sha256" TEXT;
ALTER TABLE "callback_events" ADD COLUMN "excerpt" TEXT;
CREATE INDEX "callback_events_outcome_received_at_idx" ON "callback_events"("outcome", "received_at");

-- * Rows verified before this migration were checked by photo_id + token only, which any embed
--   URL leaks: send the unmoderated ones (verified or published, from a callback) back to be
--   confirmed by the new rule; the verify sweep does it within minutes, and TwentyThree's own
--   published flag restores "published". Reconciled rows were found by upload_token already;
--   rows staff rejected or deleted keep their state.
UPDATE "uploads" SET "state" = 'RECEIVED', "verified_at" = NULL
WHERE "state" IN ('VERIFIED', 'PUBLISHED') AND "source" <> 'RECONCILED';
