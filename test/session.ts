// Real sessions for integration tests: a next-auth JWT session cookie (encoded with next-auth's own
// `encode` and the portal's AUTH_SECRET, as a signed-in browser would carry it), placed in a
// request scope so `auth()` (through next/headers) reads and decodes it, runs auth.ts's jwt
// callback against the real database and answers exactly as it does for a real request.
// The request scope is Next's own request store (the one Next builds for route handlers); its
// module paths are Next internals, so a Next upgrade that moves them fails these tests loudly.
import { AsyncLocalStorage } from "node:async_hooks";

// Next's server puts AsyncLocalStorage on globalThis before any of its modules load (its node
// environment baseline) and its storages are fakes without it; do the same, then load them.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { encode } = await import("next-auth/jwt");
const { createRequestStoreForAPI } = await import("next/dist/server/async-storage/request-store.js");
const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external.js");
const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");

// next-auth's cookie on plain http (APP_URL in tests); the name is also the JWT's salt.
const COOKIE = "authjs.session-token";

/** The Cookie header of a browser signed in as `userId`, with the secret the portal runs with. */
export async function sessionCookie(userId: string, secret: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret, salt: COOKIE, maxAge: 60 * 60 });
  return `${COOKIE}=${token}`;
}

/** Runs `fn` as a request from a browser signed in as `userId` (null: no session cookie). */
export async function asRequestFrom<T>(userId: string | null, secret: string, fn: () => Promise<T>): Promise<T> {
  const url = new URL("http://localhost/admin");
  const headers = new Headers({ host: url.host, "x-forwarded-proto": "http", ...(userId ? { cookie: await sessionCookie(userId, secret) } : {}) });
  // Arguments past the request and URL (implicit tags, cookie updates, preview, HMR) are unused here.
  const store = createRequestStoreForAPI({ headers } as never, url as never, undefined as never, undefined, undefined as never, undefined);
  // headers() needs both stores: the work (route) store and the request's work-unit store.
  const work = { route: url.pathname, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false };
  return workAsyncStorage.run(work as never, () => workUnitAsyncStorage.run(store as never, fn));
}

/** What an authorization test calls with: a member, an admin and a link of their own (on a connection that is never called). */
export async function authzFixture(db: import("@/generated/prisma/client").PrismaClient) {
  const memberId = (await db.user.create({ data: { email: "m@example.com", role: "MEMBER" } })).id;
  const adminId = (await db.user.create({ data: { email: "a@example.com", role: "ADMIN" } })).id;
  const connectionId = (await db.connection.create({ data: { name: "c", apiUrl: "http://127.0.0.1:9", consumerKey: "k", credentialsEnc: "x" } })).id;
  const linkId = (await db.intakeLink.create({ data: { slug: "target", title: "Target", connectionId } })).id;
  return { memberId, adminId, connectionId, linkId };
}

/** A form as a browser posts it. */
export function formData(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}
