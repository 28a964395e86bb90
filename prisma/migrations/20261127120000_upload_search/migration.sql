-- Dashboard search (ILIKE '%…%' over contributor name, email and title) served by trigram
-- indexes instead of walking every upload. pg_trgm is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "uploads_contributor_name_idx" ON "uploads" USING GIN ("contributor_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "uploads_contributor_email_idx" ON "uploads" USING GIN ("contributor_email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "uploads_title_idx" ON "uploads" USING GIN ("title" gin_trgm_ops);
