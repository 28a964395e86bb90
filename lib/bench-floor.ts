// The bench's "floor": the least a server action and a route handler in this same Next build can
// do for a mint and a callback, so `npm run bench` can say how much of each figure is Next's and
// how much is ours (issue #20). Served only when BENCH_FLOOR_ROUTES=1 (the bench sets it); every
// other deployment gets 404 from both (app/bench-floor, app/api/bench-floor/callback).
//   mint:     the same signed get-upload-token call and the same single INSERT into upload_tokens.
//   callback: the same HMAC check of the signed state and one INSERT into uploads.
// Both send their statement as the portal sends its hot ones (lib/db-direct.ts), so the difference
// to the portal is our code.
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";
import { env } from "@/lib/env";
import { createTwentyThreeClient, type TwentyThreeClient } from "@/lib/twentythree";
import { newStateNonce, signState, verifyState } from "@/lib/intake/signing";

export const floorEnabled = () => env().BENCH_FLOOR_ROUTES;

// Built once: the floor does not read the connection per call (it measures the framework).
let target: Promise<{ client: TwentyThreeClient; connectionId: string; linkId: string }> | undefined;
function mintTarget() {
  target ??= (async () => {
    const t = env().twentythree;
    const [row] = await db().$queryRaw<
      { link_id: string; connection_id: string }[]
    >`SELECT id::text AS link_id, connection_id::text FROM intake_links WHERE slug = 'demo'`;
    if (!row) throw new Error("bench floor: the demo link is missing");
    return {
      client: createTwentyThreeClient({
        apiUrl: t.apiUrl,
        consumerKey: t.consumerKey,
        consumerSecret: t.consumerSecret,
        accessToken: t.accessToken,
        accessTokenSecret: t.accessTokenSecret,
        timeoutMs: 10_000,
        allowPrivateTargets: env().ALLOW_PRIVATE_TARGETS,
      }),
      connectionId: row.connection_id,
      linkId: row.link_id,
    };
  })();
  return target;
}

export async function floorMint(name: string, email: string, ip: string | null) {
  const { client, connectionId, linkId } = await mintTarget();
  const id = randomUUID();
  const nonce = newStateNonce();
  const params = {
    returnUrl: `${env().appUrl}/api/twentythree/callback`,
    backgroundReturn: true,
    albumIds: ["1001"],
    title: `Share your story with us — ${name}`,
    description: "",
    tags: ["testimonial"],
    publish: false,
    validMinutes: 180,
    maxUploads: 1,
    customVariables: {},
  };
  const token = await client.getUploadToken({ ...params, extra: { state: signState(id, nonce) } });
  await directQuery(Prisma.sql`
    INSERT INTO upload_tokens (id, connection_id, link_id, upload_token, state_nonce, requester_ip, contributor_name, contributor_email, title, params, max_uploads, background_return, valid_until)
    VALUES (${id}::uuid, ${connectionId}::uuid, ${linkId}::uuid, ${token.uploadToken}, ${nonce}, ${ip}, ${name}, ${email}, ${params.title}, ${JSON.stringify(params)}::jsonb, ${token.maxUploads}, true, ${token.validUntil})`);
  return { ok: true as const, token: { uploadToken: token.uploadToken, ticket: id, validUntil: token.validUntil.toISOString(), maxUploads: token.maxUploads } };
}

export async function floorCallback(q: URLSearchParams): Promise<Response> {
  const state = verifyState(q.get("state"));
  if (!state) return new Response("bad state", { status: 400 });
  await directQuery(Prisma.sql`
    INSERT INTO uploads (id, connection_id, link_id, token_id, photo_id, tree_id, photo_token, domain, source, contributor_name, contributor_email, title, updated_at)
    SELECT gen_random_uuid(), t.connection_id, t.link_id, t.id, ${q.get("photo_id")}, ${q.get("tree_id")}, ${q.get("token")}, ${q.get("domain")}, 'CALLBACK', t.contributor_name, t.contributor_email, t.title, now()
    FROM upload_tokens t WHERE t.id = ${state.tokenId}::uuid AND t.state_nonce = ${state.nonce} AND t.upload_token = ${q.get("upload_token")}
    ON CONFLICT (token_id, photo_id) DO NOTHING`);
  return new Response(null, { status: 303, headers: { location: `${env().appUrl}/u/demo/done?ticket=x`, "cache-control": "no-store" } });
}
