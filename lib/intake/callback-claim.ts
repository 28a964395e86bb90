// The callback's one round trip (issue #20): for a callback whose state checks out and whose
// parameters are well formed, one call of the SQL function intake_callback_claim (migration
// 20261127170000_callback_claim) does the limits, the token checks, the lock, the duplicate and
// max_uploads checks, the insert and the audit row. It answers 'fallback' for anything it would
// refuse; lib/intake/callback.ts then takes its TypeScript path, which words and audits every
// refusal exactly as before, so the fast path can only accept what that path would accept.
//
// Claims that arrive while earlier ones are still in PostgreSQL go together (group commit): at
// most CLAIMS_IN_FLIGHT statements (four) run at once, and whatever queued behind them is sent
// as one statement calling the function once per callback, in one transaction. Alone, a
// callback is one statement as before, and waits only for a repeat's count still in PostgreSQL
// (below). Each claim is still its own
// function call, with what it sees and answers unchanged: within the transaction each call sees
// the rows the earlier calls wrote (a repeat in the same batch is a duplicate, as it would be one
// statement later), and the locks are taken in token order, the same order in every batch, so
// batches cannot deadlock each other (against a statement that updates several tokens, such as
// reconciliation's expiry, PostgreSQL breaks a deadlock after a second, and the batch is then
// claimed one callback at a time). The callback is answered only after that transaction has
// committed. What a batch saves is PostgreSQL's per-statement and per-commit work: a throwaway
// harness measured 0.47 ms of backend CPU per claim alone against 0.30 ms in batches of four and
// 0.24–0.29 ms in batches of sixteen (the floor's single INSERT: 0.26 ms), and the portal sends
// one statement where it sent several. Hand-written: DataLoader-style libraries batch what is
// asked within one tick, and callbacks arrive in separate socket reads, so they would batch
// nothing here.
import pg from "pg";
import { Prisma } from "@/generated/prisma/client";
import { directQuery } from "@/lib/db-direct";
import { env } from "@/lib/env";
import { CALLBACK_LIMITS } from "@/lib/limits";
import { digest, excerpt } from "./callback-audit";

export type Claim =
  | { outcome: "accepted" | "duplicate"; uploadId: string; slug: string; background: boolean }
  | { outcome: "limited"; retryAfterSeconds: number }
  | { outcome: "fallback" };

type Row = { outcome: string; upload_id?: string; slug?: string; background?: boolean; retry_after_ms?: number };

export type ClaimInput = {
  tokenId: string;
  nonce: string;
  params: Record<string, string>;
  raw: Array<[string, string]>;
  method: string;
  ip?: string;
  clientKey: string;
  now: Date;
};

/** Claim statements at once from this instance: as many as the direct pool has connections. With
 * two, a burst's batches were larger but waited longer for a turn (unique c = 16 at 0.64–0.70 of
 * the floor in three bench runs, against 0.75–0.80 with four in two; docs/benchmarks.md). */
const CLAIMS_IN_FLIGHT = 4;
/** The most callbacks one statement carries. */
const MAX_BATCH = 32;
/** The longest a callback waits for its turn, as the pool's own wait for a connection
 * (lib/db-direct.ts connectionTimeoutMillis): then it is answered as when the database is down. */
const QUEUE_TIMEOUT_MS = 5_000;

// One line of work, in arrival order, as the direct pool's own queue kept it before claims were
// batched: a claim, or a repeat's spend against its token's budget (behindClaims). A spend starts
// only once every claim sent before it has finished, so no claim that arrived before the repeat
// (a row late in a batch included) sees its spend: copies arriving together all see the budget
// they arrived to (lib/intake/callback.ts). The other way round too: a claim queued after a spend
// starts once that spend has finished, so every claim sees the spends of the repeats answered
// before it arrived at this instance, although a repeat is answered without waiting for its
// spend. Every claim waits, not only those for the spend's token: while a spend runs, the claims
// behind it gather into larger batches (waiting only for their own token's spend measured worse:
// duplicated callbacks at c = 16 at 0.56 and 0.59 of the floor, against 0.76 and 0.88). A spend is
// one single-row upsert that commits without waiting for the disk; a spend that hung (its count
// row locked for seconds) would hold the claims behind it until their 5 s deadline.
type Claiming = { input: ClaimInput; resolve: (claim: Claim) => void; reject: (err: unknown) => void; timer: ReturnType<typeof setTimeout> };
type Waiting = Claiming | { task: () => Promise<void> };
const queue: Waiting[] = [];
let inFlight = 0;
let claimsInFlight = 0;
let tasksInFlight = 0;

export function claimCallback(input: ClaimInput): Promise<Claim> {
  return new Promise<Claim>((resolve, reject) => {
    const waiting: Claiming = {
      input,
      resolve,
      reject,
      timer: setTimeout(() => {
        const at = queue.indexOf(waiting);
        if (at < 0) return; // already sent
        queue.splice(at, 1);
        reject(new Error("timeout waiting for a turn to claim the callback"));
      }, QUEUE_TIMEOUT_MS),
    };
    queue.push(waiting);
    pump();
  });
}

/** Run `task` (one statement) once the claims queued before it have finished. */
export function behindClaims(task: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    queue.push({ task: () => task().then(resolve, reject) });
    pump();
  });
}

function pump() {
  while (inFlight < CLAIMS_IN_FLIGHT && queue.length) {
    const head = queue[0]!;
    let work: Promise<void>;
    if ("task" in head) {
      if (claimsInFlight) return; // the claims sent before it finish first; they pump again
      queue.shift();
      tasksInFlight++;
      work = head.task().finally(() => tasksInFlight--);
    } else {
      if (tasksInFlight) return; // the spends sent before it finish first; they pump again
      let n = 1;
      while (n < queue.length && n < MAX_BATCH && !("task" in queue[n]!)) n++;
      const batch = queue.splice(0, n) as Claiming[];
      for (const w of batch) clearTimeout(w.timer);
      claimsInFlight++;
      work = send(batch).finally(() => claimsInFlight--);
    }
    inFlight++;
    void work.finally(() => {
      inFlight--;
      pump();
    });
  }
}

async function send(batch: Claiming[]): Promise<void> {
  if (batch.length === 1) {
    const [one] = batch as [Claiming];
    await claimOne(one.input).then(one.resolve, one.reject);
    return;
  }
  let claims: Claim[];
  try {
    claims = await claimMany(batch.map((w) => w.input));
  } catch (err) {
    // Nothing of a failed statement committed. PostgreSQL refused it (a DatabaseError: a value it
    // would not take, a deadlock it broke): each callback is claimed again on its own, one after
    // another in this turn, so one that cannot be claimed answers for itself alone. No answer at
    // all (the database is down): each fails as a statement of its own would have.
    if (err instanceof pg.DatabaseError) for (const w of batch) await claimOne(w.input).then(w.resolve, w.reject);
    else for (const w of batch) w.reject(err);
    return;
  }
  batch.forEach((w, i) => w.resolve(claims[i]!));
}

const limitArgs = () =>
  Prisma.sql`${CALLBACK_LIMITS.perClient.max}::int, ${CALLBACK_LIMITS.perClient.windowMs}::bigint,
      ${CALLBACK_LIMITS.perToken.max}::int, ${CALLBACK_LIMITS.perToken.windowMs}::bigint, ${env().CALLBACK_GRACE_MINUTES * 60_000}::bigint`;

async function claimOne(input: ClaimInput): Promise<Claim> {
  const { params } = input;
  // On the direct pool (lib/db-direct.ts): this is every callback's one statement.
  const [row] = await directQuery<{ r: Row }>(Prisma.sql`
    SELECT intake_callback_claim(
      ${input.tokenId}::uuid, ${input.nonce}, ${params.upload_token ?? ""}, ${(params.domain ?? "").toLowerCase()},
      ${params.photo_id}, ${params.tree_id}, ${params.token},
      ${input.clientKey}, ${limitArgs()}, ${input.now}::timestamptz,
      ${input.method}, ${input.ip ?? null}, ${JSON.stringify(params)}::jsonb, ${digest(input.raw)}, ${excerpt(input.raw)}
    ) AS r`);
  return fromRow(row?.r);
}

/** Several claims in one statement: one function call per callback, in token order (the lock order). */
async function claimMany(inputs: ClaimInput[]): Promise<Claim[]> {
  const order = inputs.map((_, i) => i).sort((a, b) => (inputs[a]!.tokenId < inputs[b]!.tokenId ? -1 : inputs[a]!.tokenId > inputs[b]!.tokenId ? 1 : 0));
  const col = <T>(f: (input: ClaimInput) => T) => order.map((i) => f(inputs[i]!));
  const rows = await directQuery<{ n: string; r: Row }>(Prisma.sql`
    SELECT x.n, intake_callback_claim(
      x.token_id, x.nonce, x.upload_token, x.domain, x.photo_id, x.tree_id, x.photo_token,
      x.client_key, ${limitArgs()}, x.at, x.method, x.ip, x.params, x.sha, x.excerpt
    ) AS r
    FROM unnest(
      ${col((c) => c.tokenId)}::uuid[], ${col((c) => c.nonce)}::text[], ${col((c) => c.params.upload_token ?? "")}::text[],
      ${col((c) => (c.params.domain ?? "").toLowerCase())}::text[], ${col((c) => c.params.photo_id)}::text[],
      ${col((c) => c.params.tree_id)}::text[], ${col((c) => c.params.token)}::text[], ${col((c) => c.clientKey)}::text[],
      ${col((c) => c.now)}::timestamptz[], ${col((c) => c.method)}::text[], ${col((c) => c.ip ?? null)}::text[],
      ${col((c) => JSON.stringify(c.params))}::jsonb[], ${col((c) => digest(c.raw))}::text[], ${col((c) => excerpt(c.raw))}::text[]
    ) WITH ORDINALITY AS x(token_id, nonce, upload_token, domain, photo_id, tree_id, photo_token, client_key, at, method, ip, params, sha, excerpt, n)`);
  const claims: Claim[] = new Array<Claim>(inputs.length);
  for (const row of rows) claims[order[Number(row.n) - 1]!] = fromRow(row.r);
  return Array.from(claims, (c) => c ?? { outcome: "fallback" as const });
}

function fromRow(r: Row | undefined): Claim {
  if (!r) return { outcome: "fallback" };
  if (r.outcome === "limited") return { outcome: "limited", retryAfterSeconds: Math.max(1, Math.ceil(Number(r.retry_after_ms) / 1000)) };
  if ((r.outcome === "accepted" || r.outcome === "duplicate") && r.upload_id && r.slug !== undefined) {
    return { outcome: r.outcome, uploadId: r.upload_id, slug: r.slug, background: Boolean(r.background) };
  }
  return { outcome: "fallback" };
}
