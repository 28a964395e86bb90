-- Issue #18: a link may fix its public page's language; NULL follows the visitor's browser.
ALTER TABLE "intake_links" ADD COLUMN "language" TEXT;
