// Whether the first-run setup is still open (no account yet), for /login and /setup.
import "server-only";
import { cache } from "react";
import { needsSetup } from "@/lib/auth/setup";

export const setupPending = cache(() => needsSetup());
