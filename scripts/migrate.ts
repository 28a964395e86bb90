// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL (also done at every start).
import { migrate, MigrationError } from "../lib/migrate";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set. (`npm start` migrates the embedded database by itself.)");
  process.exit(2);
}
try {
  const r = await migrate(process.env.DATABASE_URL, { log: (l) => console.log(l) });
  console.log(`${r.applied.length} migration(s) applied, ${r.alreadyApplied.length} already applied.`);
} catch (err) {
  console.error(err instanceof MigrationError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
