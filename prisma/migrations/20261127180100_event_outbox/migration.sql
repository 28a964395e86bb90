-- Issue #16: the event outbox. An upload's state change and the event that announces it are
-- written in one transaction, so an event can no longer be lost when queueing its job fails
-- (database hiccup, pg-boss down): the minute sweep dispatches whatever is not dispatched yet.
CREATE TABLE "upload_events" (
    "id" UUID NOT NULL,
    "upload_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),
    CONSTRAINT "upload_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "upload_events_dispatched_at_created_at_idx" ON "upload_events"("dispatched_at", "created_at");
CREATE INDEX "upload_events_upload_id_idx" ON "upload_events"("upload_id");
