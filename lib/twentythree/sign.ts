// OAuth 1.0a HMAC-SHA1 signing (RFC 5849) on top of the `oauth-1.0a` package.
// oauth-1.0a builds the base string from `url.split('?')[0]` as given, so it neither drops
// default ports nor lowercases scheme/host; we normalise the URL first (WHATWG URL does both)
// and hand it the query and form-body parameters ourselves, decoded the form-urlencoded way.
import { createHmac, randomBytes } from "node:crypto";
import OAuth from "oauth-1.0a";

export interface SignInput {
  method: string;
  /** Absolute URL; a query string (GET only) is signed too. */
  url: string;
  /** `application/x-www-form-urlencoded` body parameters (signed). Not for multipart bodies. */
  params?: Record<string, string>;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  /** Fixed values for tests; defaults: 32 random hex chars, current unix time. */
  nonce?: string;
  timestamp?: number;
}

export interface SignedRequest {
  /** Value for the `Authorization` header (contains the signature: never log it). */
  authorization: string;
  baseString: string;
  signature: string;
  /** The base-string URL: scheme://host[:non-default port]/path. */
  baseUrl: string;
}

function hmacSha1(base: string, key: string): string {
  return createHmac("sha1", key).update(base).digest("base64");
}

/** scheme://host[:port]/path with scheme and host lowercased and :80/:443 dropped. */
export function normaliseBaseUrl(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url; // lowercases scheme and host, drops the scheme's default port
  return `${u.protocol}//${u.host}${u.pathname}`;
}

export function signRequest(input: SignInput): SignedRequest {
  const oauth = new OAuth({
    consumer: { key: input.consumerKey, secret: input.consumerSecret },
    signature_method: "HMAC-SHA1",
    hash_function: hmacSha1,
  });
  const url = new URL(input.url);
  const baseUrl = normaliseBaseUrl(url);

  const data: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (k in data) throw new Error(`Repeated query parameter "${k}" is not supported by signRequest`);
    data[k] = v;
  }
  for (const [k, v] of Object.entries(input.params ?? {})) {
    if (k in data) throw new Error(`Parameter "${k}" appears in both the query and the body`);
    data[k] = v;
  }

  const oauthData: OAuth.Data = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomBytes(16).toString("hex"),
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: input.timestamp ?? Math.floor(Date.now() / 1000),
    oauth_version: "1.0",
    ...(input.token !== undefined ? { oauth_token: input.token } : {}),
  };
  // oauth-1.0a merges request data into the objects it is given: pass copies. The signature is
  // its getSignature (the hash of the base string with the signing key) without building the base
  // string a second time: every call to TwentyThree signs, the mint's included (issue #20).
  const baseString = oauth.getBaseString({ method: input.method.toUpperCase(), url: baseUrl, data: { ...data } }, { ...oauthData });
  const signature = hmacSha1(baseString, oauth.getSigningKey(input.tokenSecret ?? ""));
  const { Authorization } = oauth.toHeader({ ...oauthData, oauth_signature: signature });
  return { authorization: Authorization, baseString, signature, baseUrl };
}
