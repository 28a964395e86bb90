-- Issue #18: a link may fix its public page's language; NULL follows the visitor's browser.
ALTER TABLE "intake_links" ADD COLUMN "language" TEXT;
-- The language the visitor's page was in when the token was minted: their receipt e-mail uses it.
ALTER TABLE "upload_tokens" ADD COLUMN "locale" TEXT;
