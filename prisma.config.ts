import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 keeps the connection URL out of schema.prisma. Only `prisma generate` runs here
// (offline); migrations are applied by scripts/migrate.ts. process.env is read directly because
// the Prisma CLI loads this file outside the app (lib/env.ts is the app's only reader).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/portal" },
});
