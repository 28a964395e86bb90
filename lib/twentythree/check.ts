// Connection check for settings screens and /api/health: one signed getSite call.
import { twentyThreeErrorOf } from "./errors";
import type { TwentyThreeClient } from "./client";

export const PERMISSION_LEVELS = ["none", "anonymous", "read", "write", "admin", "super"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** True when `level` is at least `required`; unknown levels count as below everything. */
export function hasPermission(level: string, required: PermissionLevel): boolean {
  const i = PERMISSION_LEVELS.indexOf(level as PermissionLevel);
  return i >= 0 && i >= PERMISSION_LEVELS.indexOf(required);
}

export interface ConnectionCheck {
  status: "ok" | "bad_credentials" | "insufficient_permission" | "unreachable" | "error";
  siteName?: string;
  domain?: string;
  permissionLevel?: string;
  /** Safe to show an admin. */
  message: string;
}

export async function checkConnection(client: Pick<TwentyThreeClient, "getSite">): Promise<ConnectionCheck> {
  try {
    const site = await client.getSite();
    const found = { siteName: site.siteName, domain: site.domain, permissionLevel: site.permissionLevel };
    if (!hasPermission(site.permissionLevel, "write")) {
      return {
        status: "insufficient_permission",
        ...found,
        message: `Connected to ${site.siteName || site.domain}, but these credentials only have permission "${site.permissionLevel || "unknown"}"; uploads need "write".`,
      };
    }
    return { status: "ok", ...found, message: `Connected to ${site.siteName || site.domain} with permission "${site.permissionLevel}".` };
  } catch (err) {
    const tt = twentyThreeErrorOf(err);
    if (tt?.code === "invalid_signature") {
      return {
        status: "bad_credentials",
        message: "TwentyThree rejected the credentials (invalid signature): check the consumer key/secret and access token/secret.",
      };
    }
    if (tt?.code === "permission_denied") return { status: "insufficient_permission", message: tt.safeMessage };
    if (tt?.code === "unreachable" || tt?.code === "timeout") return { status: "unreachable", message: tt.safeMessage };
    if (tt) return { status: "error", message: tt.safeMessage };
    return { status: "error", message: "Unexpected error while checking the TwentyThree connection." };
  }
}
