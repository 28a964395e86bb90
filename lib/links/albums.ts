// Albums for the link form, per connection. A connection that cannot be reached gives a message
// for the admin instead of failing the page.
import "server-only";
import type { Connection } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import { log } from "@/lib/log";
import { safeMessageOf } from "@/lib/twentythree";

export type AlbumChoice = { albumId: string; title: string };
export type AlbumsResult = { ok: true; albums: AlbumChoice[] } | { ok: false; message: string };

export async function albumsFor(conn: Pick<Connection, "id" | "apiUrl" | "credentialsEnc">): Promise<AlbumsResult> {
  try {
    const { albums } = await clientFor(conn, { timeoutMs: 5000, retries: 0 }).listAlbums({ page: 1, size: 100 });
    return { ok: true, albums };
  } catch (err) {
    log.warn("could not list albums", { connectionId: conn.id, error: err instanceof Error ? err.name : "unknown" });
    const why = safeMessageOf(err, "The connection could not be used.");
    return { ok: false, message: `Albums could not be loaded from TwentyThree: ${why} Test the connection in Settings; albums already chosen are kept.` };
  }
}

export async function albumsByConnection(conns: Pick<Connection, "id" | "apiUrl" | "credentialsEnc">[]): Promise<Record<string, AlbumsResult>> {
  const results = await Promise.all(conns.map(async (c) => [c.id, await albumsFor(c)] as const));
  return Object.fromEntries(results);
}
