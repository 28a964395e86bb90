import { describe, expect, it } from "vitest";
import { checkConnection, hasPermission } from "./check";
import {
  TwentyThreeHttpError,
  TwentyThreeInvalidSignatureError,
  TwentyThreePermissionDeniedError,
  TwentyThreeTimeoutError,
  TwentyThreeUnreachableError,
} from "./errors";
import type { Site } from "./types";

const site = (permissionLevel: string): Site => ({ domain: "video.example.com", siteId: "1", siteName: "Example", permissionLevel });
const ok = (s: Site) => ({ getSite: async () => s });
const failing = (e: Error) => ({
  getSite: async (): Promise<Site> => {
    throw e;
  },
});

describe("checkConnection", () => {
  it("is ok at write and above", async () => {
    for (const level of ["write", "admin", "super"]) {
      expect(await checkConnection(ok(site(level)))).toMatchObject({ status: "ok", siteName: "Example", domain: "video.example.com", permissionLevel: level });
    }
  });

  it("reports insufficient permission below write", async () => {
    for (const level of ["none", "anonymous", "read", "", "weird"]) {
      const r = await checkConnection(ok(site(level)));
      expect(r.status).toBe("insufficient_permission");
      expect(r.message).toContain('need "write"');
    }
    expect((await checkConnection(failing(new TwentyThreePermissionDeniedError("(required level: 'read')")))).status).toBe("insufficient_permission");
  });

  it("maps failures", async () => {
    expect((await checkConnection(failing(new TwentyThreeInvalidSignatureError("invalid_signature", "bad")))).status).toBe("bad_credentials");
    expect((await checkConnection(failing(new TwentyThreeUnreachableError("h", "ECONNREFUSED")))).status).toBe("unreachable");
    expect((await checkConnection(failing(new TwentyThreeTimeoutError(10)))).status).toBe("unreachable");
    expect((await checkConnection(failing(new TwentyThreeHttpError(500)))).status).toBe("error");
    expect(await checkConnection(failing(new Error("secret stuff")))).toEqual({
      status: "error",
      message: "Unexpected error while checking the TwentyThree connection.",
    });
  });

  it("orders levels none<anonymous<read<write<admin<super", () => {
    expect(hasPermission("read", "write")).toBe(false);
    expect(hasPermission("admin", "write")).toBe(true);
    expect(hasPermission("super", "super")).toBe(true);
    expect(hasPermission("bogus", "none")).toBe(false);
  });
});
