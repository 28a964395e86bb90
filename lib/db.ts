// One Prisma client per process (driver adapter over node-postgres), kept on globalThis so that
// dev-mode hot reloads do not open a new pool each time.
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

const globalForDb = globalThis as unknown as { portalDb?: PrismaClient };

export function createDb(databaseUrl: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForDb.portalDb ??= createDb(env().DATABASE_URL);
  return globalForDb.portalDb;
}

/** A unique constraint said no (Prisma P2002): a slug or an email already taken, a row already claimed. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
