-- Issue #17, the contributor's half: consent versions that are never rewritten, the private
-- receipt link to a contributor's own page, replacements and withdrawals.

-- Every consent text a link ever showed, numbered per link. Rows are immutable (trigger below):
-- editing a link's consent text adds a version; agreements keep pointing at the one they saw.
CREATE TABLE "consent_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "link_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "consent_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "consent_versions_link_id_sha256_key" ON "consent_versions"("link_id", "sha256");
CREATE UNIQUE INDEX "consent_versions_link_id_version_key" ON "consent_versions"("link_id", "version");
ALTER TABLE "consent_versions" ADD CONSTRAINT "consent_versions_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "intake_links"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION consent_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent versions are immutable: add a new version instead';
END $$;
CREATE TRIGGER consent_versions_no_update BEFORE UPDATE OR DELETE ON "consent_versions"
  FOR EACH ROW EXECUTE FUNCTION consent_versions_immutable();

-- The version for a link's current text, added when it is new. Serialised per link so two edits
-- at once cannot take the same number. Called by the trigger on intake_links and by the mint.
CREATE FUNCTION consent_version_for(p_link UUID, p_text TEXT) RETURNS UUID LANGUAGE plpgsql AS $$
DECLARE
  v_hash TEXT := encode(sha256(convert_to(p_text, 'UTF8')), 'hex');
  v_id UUID;
BEGIN
  IF p_text IS NULL OR btrim(p_text) = '' THEN RETURN NULL; END IF;
  SELECT id INTO v_id FROM consent_versions WHERE link_id = p_link AND sha256 = v_hash;
  IF v_id IS NOT NULL THEN RETURN v_id; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('consent:' || p_link::text, 0));
  INSERT INTO consent_versions (link_id, version, text, sha256)
    SELECT p_link, COALESCE(MAX(version), 0) + 1, p_text, v_hash FROM consent_versions WHERE link_id = p_link
  ON CONFLICT (link_id, sha256) DO NOTHING;
  SELECT id INTO v_id FROM consent_versions WHERE link_id = p_link AND sha256 = v_hash;
  RETURN v_id;
END $$;

CREATE FUNCTION intake_links_consent_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM consent_version_for(NEW.id, NEW.consent_text);
  RETURN NEW;
END $$;
CREATE TRIGGER intake_links_consent_version AFTER INSERT OR UPDATE OF consent_text ON "intake_links"
  FOR EACH ROW EXECUTE FUNCTION intake_links_consent_version();

-- The agreement itself sits on the token (consent is given when the upload is prepared):
-- which version, and the address it came from when CONSENT_STORE_IP is on.
ALTER TABLE "upload_tokens" ADD COLUMN "consent_version_id" UUID;
ALTER TABLE "upload_tokens" ADD COLUMN "consent_ip" TEXT;
ALTER TABLE "upload_tokens" ADD CONSTRAINT "upload_tokens_consent_version_id_fkey" FOREIGN KEY ("consent_version_id") REFERENCES "consent_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing links and agreements: version 1 is the current text; older agreements whose text
-- differs get their own version (numbered after it), so every agreement points at its own text.
SELECT consent_version_for(id, consent_text) FROM "intake_links" WHERE consent_text IS NOT NULL;
SELECT consent_version_for(link_id, consent_text) FROM (SELECT DISTINCT link_id, consent_text FROM "upload_tokens" WHERE consent_text IS NOT NULL) t;
UPDATE "upload_tokens" t SET consent_version_id = v.id FROM consent_versions v
  WHERE t.consent_text IS NOT NULL AND v.link_id = t.link_id AND v.sha256 = encode(sha256(convert_to(t.consent_text, 'UTF8')), 'hex');

-- What a contributor may do when withdrawing: unpublish (default) or delete on TwentyThree.
ALTER TABLE "intake_links" ADD COLUMN "withdraw_policy" TEXT NOT NULL DEFAULT 'unpublish';

-- Withdrawn consent: set once, never cleared by the contributor's link; publishing again needs
-- a staff override with a reason (recorded in moderation_actions).
ALTER TABLE "uploads" ADD COLUMN "withdrawn_at" TIMESTAMPTZ(3);
ALTER TABLE "uploads" ADD COLUMN "withdrawn_reason" TEXT;

-- The private link to a contributor's own page: one per upload token (one contributor's
-- visit), signed in the URL, long-lived, revocable by staff.
CREATE TABLE "receipts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "receipts_token_id_key" ON "receipts"("token_id");
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "upload_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One replacement attempt: the replace token TwentyThree minted for one upload, the signed
-- state's nonce its callback must carry, and how it ended.
CREATE TABLE "replacements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "upload_id" UUID NOT NULL,
    "receipt_id" UUID NOT NULL,
    "replace_token" TEXT NOT NULL,
    "state_nonce" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "valid_until" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replacements_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "replacements_upload_id_created_at_idx" ON "replacements"("upload_id", "created_at");
ALTER TABLE "replacements" ADD CONSTRAINT "replacements_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replacements" ADD CONSTRAINT "replacements_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
