// Every setting the portal reads, parsed once with zod. No other module reads process.env
// (scripts and the standalone emulator aside). Parsing is lazy so that `next build` can import
// modules without a database configured.
import { z } from "zod";
import { setLogLevel } from "@/lib/log";

// The emulator's seeded `write` credentials (emulator/README.md): the default connection when no
// TwentyThree site is configured. They only unlock the local emulator.
export const EMULATOR_DEMO_CREDENTIALS = {
  consumerKey: "emu-demo-consumer",
  consumerSecret: "emu-demo-consumer-secret",
  accessToken: "emu-demo-access-token",
  accessTokenSecret: "emu-demo-access-secret",
} as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is missing: set it, or use `npm start` which starts an embedded PostgreSQL" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
    PORT: port(3000),
    APP_URL: optionalText.pipe(z.url({ error: "APP_URL must be an absolute URL such as https://uploads.example.com" }).optional()),
    AUTH_SECRET: optionalText.pipe(z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
    ENCRYPTION_KEY: optionalText.pipe(z.string().min(32, "ENCRYPTION_KEY must be at least 32 characters").optional()),
    ENCRYPTION_KEY_PREVIOUS: optionalText,
    TWENTYTHREE_API_URL: optionalText.pipe(z.url({ error: "TWENTYTHREE_API_URL must be a URL such as https://video.example.com" }).optional()),
    TWENTYTHREE_CONSUMER_KEY: optionalText,
    TWENTYTHREE_CONSUMER_SECRET: optionalText,
    TWENTYTHREE_ACCESS_TOKEN: optionalText,
    TWENTYTHREE_ACCESS_TOKEN_SECRET: optionalText,
    EMULATOR_PORT: port(4023),
    EMULATOR_DATA_DIR: z.string().default(".data/emulator"),
    AUTH_OIDC_ISSUER: optionalText.pipe(z.url().optional()),
    AUTH_OIDC_CLIENT_ID: optionalText,
    AUTH_OIDC_CLIENT_SECRET: optionalText,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Chunk size for resumable uploads, bytes (tests set it small). */
    UPLOAD_CHUNK_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    /** Files larger than this go through the resumable chunked protocol. */
    UPLOAD_CHUNK_THRESHOLD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024),
    /** Callbacks (and reconciliation) still accepted this long after a token's valid_until: a
     * 4 GB plain upload started just in time takes ~6 h at 1.5 Mbit/s (README "Security → Callbacks"). */
    CALLBACK_GRACE_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(360),
    /** Rejected callbacks are kept (hash + excerpt) this many days for investigation, then swept. */
    CALLBACK_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** SMTP server for the team's e-mail, e.g. smtp://user:pass@mail.example.com:587 (npm start runs a local mail catcher when unset). */
    SMTP_URL: optionalText.pipe(
      z
        .url({ error: "SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587" })
        .refine((u) => /^smtps?:\/\//.test(u), "SMTP_URL must start with smtp:// or smtps://")
        .optional(),
    ),
    MAIL_FROM: z.string().trim().min(3).default("Upload portal <uploads@localhost>"),
    /** A video still transcoding this long after it was confirmed is shown as "timed out" (with retry). */
    PROCESSING_TIMEOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(360),
    /** How many seconds a reminder "hour" lasts (issue #17 invitations): 3600; only tests shorten it. */
    INVITE_REMINDER_HOUR_SECONDS: z.coerce.number().int().min(1).max(3600).default(3600),
    /** Reverse proxies in front of the portal that append to X-Forwarded-For (0 = none: key on the socket). */
    TRUSTED_PROXY_HOPS: z.coerce.number({ error: "TRUSTED_PROXY_HOPS must be a whole number (0 = no proxy)" }).int().min(0).max(10).default(0),
    /** `npm run bench` only: serve the minimal "floor" action and route (lib/bench-floor.ts) it measures
     * the portal against. Off (404) in every normal deployment. */
    BENCH_FLOOR_ROUTES: z
      .enum(["", "0", "1"], { error: "BENCH_FLOOR_ROUTES must be 0 or 1" })
      .default("")
      .transform((v) => v === "1"),
    /** Store the address a contributor agreed to the consent text from (issue #17); 0 = do not. */
    CONSENT_STORE_IP: z
      .enum(["", "0", "1", "false", "true"])
      .default("")
      .transform((v) => v !== "0" && v !== "false"),
    /** How long a contributor's private page link (receipt e-mail) stays valid, days. */
    CONTRIBUTOR_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Allow TwentyThree API URLs that resolve to link-local / cloud metadata addresses (never needed for real sites). */
    ALLOW_PRIVATE_TARGETS: z
      .enum(["", "0", "1", "false", "true"], { error: "ALLOW_PRIVATE_TARGETS must be true or false" })
      .default("")
      .transform((v) => v === "1" || v === "true"),
  })
  .superRefine((e, ctx) => {
    const creds = ["TWENTYTHREE_CONSUMER_KEY", "TWENTYTHREE_CONSUMER_SECRET", "TWENTYTHREE_ACCESS_TOKEN", "TWENTYTHREE_ACCESS_TOKEN_SECRET"] as const;
    if (e.TWENTYTHREE_API_URL) {
      for (const k of creds) if (!e[k]) ctx.addIssue({ code: "custom", path: [k], message: `${k} is required when TWENTYTHREE_API_URL is set` });
    } else {
      for (const k of creds)
        if (e[k]) ctx.addIssue({ code: "custom", path: ["TWENTYTHREE_API_URL"], message: `TWENTYTHREE_API_URL is required when ${k} is set` });
    }
    if (e.NODE_ENV === "production" && !e.AUTH_SECRET)
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production (openssl rand -base64 32)" });
  });

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  authSecret: string;
  twentythree: {
    apiUrl: string;
    consumerKey: string;
    consumerSecret: string;
    accessToken: string;
    accessTokenSecret: string;
    fromSettings: boolean;
  };
};

export class SettingsError extends Error {}

/** Parse a settings object; throws SettingsError naming each bad or missing setting (never its value). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const r = schema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${String(i.path[0] ?? "settings")}: ${i.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = r.data;
  const fromSettings = Boolean(e.TWENTYTHREE_API_URL);
  return {
    ...e,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    // Development without AUTH_SECRET gets a fixed, clearly non-secret value; production refuses.
    authSecret: e.AUTH_SECRET ?? "development-only-auth-secret-not-for-production-use",
    twentythree: fromSettings
      ? {
          apiUrl: e.TWENTYTHREE_API_URL!,
          consumerKey: e.TWENTYTHREE_CONSUMER_KEY!,
          consumerSecret: e.TWENTYTHREE_CONSUMER_SECRET!,
          accessToken: e.TWENTYTHREE_ACCESS_TOKEN!,
          accessTokenSecret: e.TWENTYTHREE_ACCESS_TOKEN_SECRET!,
          fromSettings: true,
        }
      : { apiUrl: `http://localhost:${e.EMULATOR_PORT}`, ...EMULATOR_DEMO_CREDENTIALS, fromSettings: false },
  };
}

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    setLogLevel(cached.LOG_LEVEL);
  }
  return cached;
}
