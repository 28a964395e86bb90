-- Issue #18: branding (site default + per-link overrides), embed origins, logo bytes.
CREATE TABLE "brandings" (
    "scope" TEXT NOT NULL,
    "logo_hash" TEXT,
    "color" TEXT,
    "welcome" TEXT,
    "thanks" TEXT,
    "after_url" TEXT,
    "embed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "brandings_pkey" PRIMARY KEY ("scope")
);

CREATE TABLE "brand_logos" (
    "hash" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "brand_logos_pkey" PRIMARY KEY ("hash")
);
