// What every bench phase gets: the running portal (behind a counting proxy), its database, the
// emulator it talks to, and a place for temp files.
import type pg from "pg";
import type { Child } from "./procs";
import type { CountingProxy } from "./net";

export type Ctx = {
  tmp: string;
  root: string;
  distDir: string;
  quick: boolean;
  log: (line: string) => void;
  /** Env every child started by the bench inherits (settings of the portal). */
  env: NodeJS.ProcessEnv;
  pool: pg.Pool;
  /** PostgreSQL's postmaster: its backends' CPU is counted per request beside the portal's. */
  postgresPid: number;
  dbUrl: string;
  portal: Child;
  portalPort: number;
  proxy: CountingProxy;
  /** APP_URL of the portal: the counting proxy's address. */
  appUrl: string;
  emulator: Child;
  emulatorPort: number;
  emulatorUrl: string;
  connectionId: string;
  demoLinkId: string;
  /** Slugs of copies of the demo link, so the per-link mint limit is not what gets measured. */
  benchSlugs: string[];
  actions: Record<string, string>;
  authSecret: string;
};

export type Verdict = { target: string; pass: boolean | null; note?: string };
