-- Issue #20: a repeated callback's claim writes only its audit row, and nothing a visitor's upload
-- depends on: its transaction commits without waiting for the WAL to reach the disk
-- (synchronous_commit off for that transaction only), as the rate-limit counts already do
-- (lib/limits.ts). A crash of PostgreSQL itself could forget the audit rows of the last fraction
-- of a second of repeats; the upload row they repeat was committed durably by the first callback.
-- In a batch (lib/intake/callback-claim.ts), once any claim of the transaction has written an
-- upload the commit is durable again, whatever order the claims ran in. Otherwise unchanged from
-- 20261127180102_claim_event.
CREATE OR REPLACE FUNCTION intake_callback_claim(
  p_token_id uuid, p_nonce text, p_upload_token text, p_domain text,
  p_photo_id text, p_tree_id text, p_photo_token text,
  p_client_key text, p_client_max int, p_client_window_ms bigint,
  p_token_max int, p_token_window_ms bigint, p_grace_ms bigint, p_now timestamptz,
  p_method text, p_ip text, p_params jsonb, p_sha text, p_excerpt text
) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  t record;
  host text;
  lim record;
  token_key text := 'callback:token:' || p_token_id::text;
  existing uuid;
  n int;
  new_id uuid;
BEGIN
  -- A client over its budget of unmatched callbacks is refused before any work (as overLimit).
  SELECT count, window_start INTO lim FROM rate_limits WHERE key = p_client_key;
  IF FOUND AND lim.window_start > p_now - p_client_window_ms * interval '1 millisecond' AND lim.count >= p_client_max THEN
    RETURN jsonb_build_object('outcome', 'limited', 'retry_after_ms', (extract(epoch FROM lim.window_start - p_now) * 1000)::bigint + p_client_window_ms);
  END IF;

  -- The token must match (nonce, upload_token) before its budget for repeats is read, and that
  -- budget is read before waiting for the token's lock, both as the TypeScript path did.
  PERFORM 1 FROM upload_tokens WHERE id = p_token_id AND state_nonce = p_nonce AND upload_token = p_upload_token;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;
  SELECT count, window_start INTO lim FROM rate_limits WHERE key = token_key;
  IF FOUND AND lim.window_start > p_now - p_token_window_ms * interval '1 millisecond' AND lim.count >= p_token_max THEN
    RETURN jsonb_build_object('outcome', 'limited', 'retry_after_ms', (extract(epoch FROM lim.window_start - p_now) * 1000)::bigint + p_token_window_ms);
  END IF;

  SELECT tok.id, tok.connection_id, tok.link_id, tok.state_nonce, tok.upload_token, tok.valid_until, tok.max_uploads,
         tok.background_return, tok.status, tok.contributor_name, tok.contributor_email, tok.title,
         l.slug, c.domain AS c_domain, c.api_url
    INTO t
    FROM upload_tokens tok JOIN intake_links l ON l.id = tok.link_id JOIN connections c ON c.id = tok.connection_id
   WHERE tok.id = p_token_id
     FOR UPDATE OF tok;
  IF NOT FOUND OR t.state_nonce <> p_nonce OR t.upload_token <> p_upload_token THEN
    RETURN jsonb_build_object('outcome', 'fallback');
  END IF;

  -- The connection's domains (connectionDomains in callback.ts): its checked domain, and the host of
  -- its API URL. Only a plain match is taken here; anything unusual goes the TypeScript way.
  host := lower(substring(t.api_url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#]+)'));
  IF host LIKE '%:80' AND t.api_url ILIKE 'http:%' THEN host := left(host, -3); END IF;
  IF host LIKE '%:443' AND t.api_url ILIKE 'https:%' THEN host := left(host, -4); END IF;
  IF p_domain IS NULL OR p_domain = '' OR NOT (p_domain = COALESCE(lower(t.c_domain), '') OR p_domain = COALESCE(host, '')) THEN
    RETURN jsonb_build_object('outcome', 'fallback');
  END IF;
  IF p_now > t.valid_until + p_grace_ms * interval '1 millisecond' THEN
    RETURN jsonb_build_object('outcome', 'fallback');
  END IF;

  SELECT id INTO existing FROM uploads WHERE token_id = p_token_id AND photo_id = p_photo_id;
  IF FOUND THEN
    -- A repeat is audited without its params; the caller then spends it against the token's budget
    -- (after this statement, as the TypeScript path did: copies arriving together were all
    -- checked against the budget as it stood when they arrived).
    INSERT INTO callback_events (id, method, background, outcome, token_id, upload_id, ip, params, params_sha256, excerpt)
    VALUES (gen_random_uuid(), left(p_method, 8), t.background_return, 'duplicate', p_token_id, existing, left(p_ip, 64), NULL, p_sha, p_excerpt);
    -- Nothing durable written yet in this transaction: its commit need not wait for the disk. The
    -- setting in force is kept, so an accepted claim later in the batch can restore it.
    IF COALESCE(current_setting('intake.claim_wrote', true), '') = '' THEN
      IF COALESCE(current_setting('intake.sync_commit', true), '') = '' THEN
        PERFORM set_config('intake.sync_commit', current_setting('synchronous_commit'), true);
      END IF;
      PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    RETURN jsonb_build_object('outcome', 'duplicate', 'upload_id', existing, 'slug', t.slug, 'background', t.background_return);
  END IF;

  -- Refusals (someone else's confirmed object, more files than the token allows) are the
  -- TypeScript path's to word and audit.
  PERFORM 1 FROM uploads WHERE connection_id = t.connection_id AND photo_id = p_photo_id AND verified_at IS NOT NULL AND state <> 'DISOWNED';
  IF FOUND THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;
  SELECT count(*) INTO n FROM uploads WHERE token_id = p_token_id AND photo_id IS NOT NULL;
  IF n >= t.max_uploads THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;

  new_id := gen_random_uuid();
  INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, tree_id, photo_token, domain, source,
                       contributor_name, contributor_email, title, updated_at)
  VALUES (new_id, t.connection_id, t.link_id, p_token_id, p_photo_id, p_tree_id, p_photo_token,
          COALESCE(t.c_domain, host), CASE WHEN t.background_return THEN 'BACKGROUND'::"UploadSource" ELSE 'CALLBACK'::"UploadSource" END,
          t.contributor_name, t.contributor_email, t.title, p_now);
  UPDATE upload_tokens SET
    state_used_at = COALESCE(state_used_at, p_now),
    status = CASE WHEN n + 1 >= t.max_uploads THEN 'USED'::"TokenStatus" WHEN status = 'FAILED' THEN 'ACTIVE'::"TokenStatus" ELSE status END
  WHERE id = p_token_id;
  INSERT INTO callback_events (id, method, background, outcome, token_id, upload_id, ip, params, params_sha256, excerpt)
  VALUES (gen_random_uuid(), left(p_method, 8), t.background_return, 'accepted', p_token_id, new_id, left(p_ip, 64), p_params, p_sha, NULL);
  -- The event outbox (issue #16): 'upload.received' commits with the row it announces.
  INSERT INTO upload_events (id, upload_id, type) VALUES (gen_random_uuid(), new_id, 'upload.received');
  -- An upload was written: this transaction's commit is durable, even if a repeat before it in the
  -- batch had turned that off.
  PERFORM set_config('intake.claim_wrote', 'on', true);
  IF COALESCE(current_setting('intake.sync_commit', true), '') <> '' THEN
    PERFORM set_config('synchronous_commit', current_setting('intake.sync_commit'), true);
  END IF;
  RETURN jsonb_build_object('outcome', 'accepted', 'upload_id', new_id, 'slug', t.slug, 'background', t.background_return);
END
$$;
