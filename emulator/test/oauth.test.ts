import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OAuth from "oauth-1.0a";
import { signatureBaseString } from "../oauth.ts";
import { call, callJson, CREDS, start } from "./helpers.ts";

const EXAMPLE_BASE =
  "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal";
const EXAMPLE_OAUTH = {
  oauth_consumer_key: "dpf43f3p2l4k3l03",
  oauth_token: "nnch734d00sl2jdk",
  oauth_signature_method: "HMAC-SHA1",
  oauth_timestamp: 1191242096,
  oauth_nonce: "kllo9940pd9333jh",
  oauth_version: "1.0",
};

describe("OAuth guide worked example", () => {
  it("the emulator's base string matches the guide exactly", () => {
    const params = Object.entries({ file: "vacation.jpg", size: "original", ...EXAMPLE_OAUTH }).map(([k, v]) => [k, String(v)] as [string, string]);
    expect(signatureBaseString("GET", "http://photos.example.net/photos", params)).toBe(EXAMPLE_BASE);
    expect(signatureBaseString("get", "HTTP://Photos.Example.NET:80/photos", params)).toBe(EXAMPLE_BASE);
  });
  it("oauth-1.0a reproduces the guide's base string and signature", () => {
    const oauth = new OAuth({
      consumer: { key: "dpf43f3p2l4k3l03", secret: "kd94hf93k423kf44" },
      signature_method: "HMAC-SHA1",
      hash_function: (b, k) => crypto.createHmac("sha1", k).update(b).digest("base64"),
    });
    const req = { url: "http://photos.example.net/photos?file=vacation.jpg&size=original", method: "GET" };
    expect(oauth.getBaseString(req, EXAMPLE_OAUTH as never)).toBe(EXAMPLE_BASE);
    expect(oauth.getSignature(req, "pfkkdhi9sl3r4s00", EXAMPLE_OAUTH as never)).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
  });
});

describe("signature verification against a live emulator", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  for (const placement of ["header", "body", "query"] as const) {
    it(`accepts a signature in the ${placement}`, async () => {
      const j = await callJson(emu, "/api/site/get", { extra: "a b&c=ü" }, { placement });
      expect(j.status).toBe("ok");
      expect(j.permission_level).toBe("write");
    });
  }

  it("refuses a signature off by one character", async () => {
    const j = await callJson(
      emu,
      "/api/site/get",
      {},
      {
        mutate: (o) => {
          const s = o.oauth_signature!;
          o.oauth_signature = (s[0] === "A" ? "B" : "A") + s.slice(1);
        },
      },
    );
    expect(j).toMatchObject({ status: "error", code: "invalid_signature" });
  });

  it("refuses a signature made with the wrong secret", async () => {
    const j = await callJson(emu, "/api/site/get", {}, { creds: { ...CREDS.write, token: { ...CREDS.write.token, secret: "nope" } } });
    expect(j.code).toBe("invalid_signature");
  });

  it("refuses tampered parameters", async () => {
    const r = await call(emu, "/api/site/get", { format: "json", raw: "1", a: "1" }, { placement: "query" });
    expect((await r.json()).status).toBe("ok");
    const creds = CREDS.write;
    const url = emu.url + "/api/site/get";
    const o = (await import("./helpers.ts")).oauthFor(creds).authorize({ url, method: "GET", data: { a: "1", format: "json", raw: "1" } }, creds.token);
    const qs = new URLSearchParams({ ...(o as unknown as Record<string, string>), format: "json", raw: "1", a: "2" });
    expect((await (await fetch(`${url}?${qs}`)).json()).code).toBe("invalid_signature");
  });

  it("refuses a timestamp more than 300 s off", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await callJson(emu, "/api/site/get", {}, { timestamp: now - 400 })).code).toBe("invalid_signature");
    expect((await callJson(emu, "/api/site/get", {}, { timestamp: now + 400 })).code).toBe("invalid_signature");
    expect((await callJson(emu, "/api/site/get", {}, { timestamp: now - 200 })).status).toBe("ok");
  });

  it("refuses a replayed nonce", async () => {
    const nonce = "replay-" + Date.now();
    expect((await callJson(emu, "/api/site/get", {}, { nonce })).status).toBe("ok");
    const j = await callJson(emu, "/api/site/get", {}, { nonce });
    expect(j.code).toBe("invalid_signature");
    expect(j.message).toMatch(/nonce/i);
  });

  it("refuses POST with parameters in the URL query", async () => {
    const r = await fetch(emu.url + "/api/site/get?format=json&raw=1", { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "error", code: "invalid_signature" });
  });

  it("refuses an unknown consumer key and non-HMAC methods", async () => {
    const bad = { consumer: { key: "nobody", secret: "x" }, token: { key: "t", secret: "s" } };
    expect((await callJson(emu, "/api/site/get", {}, { creds: bad })).code).toBe("invalid_signature");
    expect(
      (
        await callJson(
          emu,
          "/api/site/get",
          {},
          {
            mutate: (o) => {
              o.oauth_signature_method = "PLAINTEXT";
            },
          },
        )
      ).code,
    ).toBe("invalid_signature");
  });

  it("treats multipart parameters as unsigned", async () => {
    const creds = CREDS.write;
    const url = emu.url + "/api/photo/get-upload-token";
    const o = (await import("./helpers.ts")).oauthFor(creds).authorize({ url, method: "POST", data: {} }, creds.token);
    const fd = new FormData();
    fd.append("title", "multipart title");
    fd.append("format", "json");
    fd.append("raw", "");
    const auth = (await import("./helpers.ts")).oauthFor(creds).toHeader(o).Authorization;
    const j = await (await fetch(url, { method: "POST", body: fd, headers: { Authorization: auth } })).json();
    expect(j.status).toBe("ok");
    expect(j.uploadtoken.title).toBe("multipart title");
  });
});

describe("permission levels", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  it("unsigned calls are anonymous", async () => {
    const j = await (await fetch(emu.url + "/api/site/get?format=json&raw")).json();
    expect(j.permission_level).toBe("anonymous");
    const d = await (await fetch(emu.url + "/api/photo/get-upload-token?format=json&raw")).json();
    expect(d).toMatchObject({ status: "error", code: "permission_denied" });
    expect(d.message).toContain("(required level: 'write')");
  });
  it("read credentials cannot get an upload token", async () => {
    const j = await callJson(emu, "/api/photo/get-upload-token", {}, { creds: CREDS.read });
    expect(j).toMatchObject({ status: "error", code: "permission_denied", permission_level: "read", endpoint: "/api/photo/get-upload-token" });
    expect(j.message).toContain("(required level: 'write')");
  });
  it("write and super can", async () => {
    expect((await callJson(emu, "/api/photo/get-upload-token", {}, { creds: CREDS.write })).permission_level).toBe("write");
    expect((await callJson(emu, "/api/photo/get-upload-token", {}, { creds: CREDS.super })).permission_level).toBe("super");
  });
  it("read can't update or delete", async () => {
    expect((await callJson(emu, "/api/photo/update", { photo_id: "1" }, { creds: CREDS.read })).code).toBe("permission_denied");
    expect((await callJson(emu, "/api/photo/delete", { photo_id: "1" }, { creds: CREDS.read })).code).toBe("permission_denied");
  });
});
