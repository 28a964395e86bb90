-- Issue #20: the callback claim (20261127180102_claim_event) in fewer statements, with the same
-- answers for the same inputs:
--   * The token (id + nonce + upload_token), its link and connection, and both budgets (the
--     client's and the token's) are read by one SELECT that locks the token row. The budgets are
--     joined rows of that statement, so a copy that waits for the lock still judges them as they
--     stood when it arrived (READ COMMITTED re-checks only the locked row after the wait), as the
--     separate reads before the lock did.
--   * After the lock, one scan of the token's uploads finds a repeat and counts the uploads.
--   * A repeat is audited; the caller still spends it against the token's budget afterwards, on
--     the same pool, so copies arriving together are all judged by the budget they arrived to.
--   * An accepted upload, its token's update, its audit row and its outbox event are written by one
--     statement.
-- Anything else answers 'fallback' without writing; lib/intake/callback.ts words and audits it.
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
  existing uuid;
  n int;
  new_id uuid;
BEGIN
  SELECT tok.connection_id, tok.link_id, tok.valid_until, tok.max_uploads, tok.background_return,
         tok.contributor_name, tok.contributor_email, tok.title, l.slug, c.domain AS c_domain, c.api_url,
         cl.count AS c_count, cl.window_start AS c_start, tl.count AS t_count, tl.window_start AS t_start
    INTO t
    FROM upload_tokens tok JOIN intake_links l ON l.id = tok.link_id JOIN connections c ON c.id = tok.connection_id
    LEFT JOIN rate_limits cl ON cl.key = p_client_key
    LEFT JOIN rate_limits tl ON tl.key = 'callback:token:' || p_token_id::text
   WHERE tok.id = p_token_id AND tok.state_nonce = p_nonce AND tok.upload_token = p_upload_token
     FOR UPDATE OF tok;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;
  -- A client over its budget of unmatched callbacks is refused (as overLimit), then the token's.
  IF t.c_count IS NOT NULL AND t.c_start > p_now - p_client_window_ms * interval '1 millisecond' AND t.c_count >= p_client_max THEN
    RETURN jsonb_build_object('outcome', 'limited', 'retry_after_ms', (extract(epoch FROM t.c_start - p_now) * 1000)::bigint + p_client_window_ms);
  END IF;
  IF t.t_count IS NOT NULL AND t.t_start > p_now - p_token_window_ms * interval '1 millisecond' AND t.t_count >= p_token_max THEN
    RETURN jsonb_build_object('outcome', 'limited', 'retry_after_ms', (extract(epoch FROM t.t_start - p_now) * 1000)::bigint + p_token_window_ms);
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

  -- Under the lock, a fresh statement: it sees every upload committed before the lock was granted.
  SELECT (array_agg(id) FILTER (WHERE photo_id = p_photo_id))[1], count(*) FILTER (WHERE photo_id IS NOT NULL)
    INTO existing, n FROM uploads WHERE token_id = p_token_id;
  IF existing IS NOT NULL THEN
    -- A repeat is audited without its params.
    INSERT INTO callback_events (id, method, background, outcome, token_id, upload_id, ip, params, params_sha256, excerpt)
    VALUES (gen_random_uuid(), left(p_method, 8), t.background_return, 'duplicate', p_token_id, existing, left(p_ip, 64), NULL, p_sha, p_excerpt);
    RETURN jsonb_build_object('outcome', 'duplicate', 'upload_id', existing, 'slug', t.slug, 'background', t.background_return);
  END IF;

  -- Refusals (more files than the token allows, someone else's confirmed object) are the
  -- TypeScript path's to word and audit.
  IF n >= t.max_uploads THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;
  PERFORM 1 FROM uploads WHERE connection_id = t.connection_id AND photo_id = p_photo_id AND verified_at IS NOT NULL AND state <> 'DISOWNED';
  IF FOUND THEN RETURN jsonb_build_object('outcome', 'fallback'); END IF;

  new_id := gen_random_uuid();
  WITH up AS (
    INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, tree_id, photo_token, domain, source,
                         contributor_name, contributor_email, title, updated_at)
    VALUES (new_id, t.connection_id, t.link_id, p_token_id, p_photo_id, p_tree_id, p_photo_token,
            COALESCE(t.c_domain, host), CASE WHEN t.background_return THEN 'BACKGROUND'::"UploadSource" ELSE 'CALLBACK'::"UploadSource" END,
            t.contributor_name, t.contributor_email, t.title, p_now)),
  tok AS (
    UPDATE upload_tokens SET
      state_used_at = COALESCE(state_used_at, p_now),
      status = CASE WHEN n + 1 >= t.max_uploads THEN 'USED'::"TokenStatus" WHEN status = 'FAILED' THEN 'ACTIVE'::"TokenStatus" ELSE status END
    WHERE id = p_token_id),
  audit AS (
    INSERT INTO callback_events (id, method, background, outcome, token_id, upload_id, ip, params, params_sha256, excerpt)
    VALUES (gen_random_uuid(), left(p_method, 8), t.background_return, 'accepted', p_token_id, new_id, left(p_ip, 64), p_params, p_sha, NULL))
  -- The event outbox (issue #16): 'upload.received' commits with the row it announces.
  INSERT INTO upload_events (id, upload_id, type) VALUES (gen_random_uuid(), new_id, 'upload.received');
  RETURN jsonb_build_object('outcome', 'accepted', 'upload_id', new_id, 'slug', t.slug, 'background', t.background_return);
END
$$;
