import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normaliseBaseUrl, signRequest } from "./sign";

// The worked example of the OAuth 1.0a guide (RFC 5849 appendix / oauth.net) that
// TwentyThree's OAuth guide reproduces.
const example = {
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
  nonce: "kllo9940pd9333jh",
  timestamp: 1191242096,
};

describe("signRequest", () => {
  it("reproduces the OAuth guide's worked example exactly", () => {
    const s = signRequest({ ...example, method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" });
    expect(s.baseString).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
    );
    expect(s.signature).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    expect(s.authorization).toContain('oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"');
    expect(s.authorization).toMatch(/^OAuth /);
    expect(s.authorization).toContain('oauth_token="nnch734d00sl2jdk"');
    expect(s.authorization).not.toContain("file=");
  });

  it("gives the same signature when the parameters travel in a form-encoded POST body", () => {
    const s = signRequest({ ...example, method: "post", url: "http://photos.example.net/photos", params: { size: "original", file: "vacation.jpg" } });
    expect(s.baseString.startsWith("POST&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26")).toBe(true);
    expect(s.baseString).toContain("%26size%3Doriginal");
    const key = `${example.consumerSecret}&${example.tokenSecret}`;
    expect(s.signature).toBe(createHmac("sha1", key).update(s.baseString).digest("base64"));
  });

  it("changes the signature when a body parameter changes (body params are signed)", () => {
    const a = signRequest({ ...example, method: "POST", url: "https://x.test/api/photo/list", params: { format: "json", raw: "1", size: "10" } });
    const b = signRequest({ ...example, method: "POST", url: "https://x.test/api/photo/list", params: { format: "json", raw: "1", size: "11" } });
    expect(a.signature).not.toBe(b.signature);
  });

  it("drops default ports and lowercases scheme and host in the base URL, keeps other ports", () => {
    expect(normaliseBaseUrl("HTTP://Photos.Example.NET:80/photos?x=1")).toBe("http://photos.example.net/photos");
    expect(normaliseBaseUrl("https://video.example.com:443/api/site/get")).toBe("https://video.example.com/api/site/get");
    expect(normaliseBaseUrl("http://localhost:4023/api/site/get")).toBe("http://localhost:4023/api/site/get");
    expect(normaliseBaseUrl("https://video.example.com:80/a")).toBe("https://video.example.com:80/a");
    const withPort = signRequest({ ...example, method: "GET", url: "http://photos.example.net:80/photos?file=vacation.jpg&size=original" });
    expect(withPort.signature).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    const other = signRequest({ ...example, method: "GET", url: "http://localhost:4023/photos" });
    expect(other.baseString).toContain("http%3A%2F%2Flocalhost%3A4023%2Fphotos");
  });

  it("uses RFC 3986 encoding (space %20, reserved chars encoded, unreserved kept)", () => {
    const s = signRequest({ ...example, method: "POST", url: "https://x.test/a", params: { t: "a b!*'()~-._+&=é" } });
    // value encoded once in the param string, then the whole string encoded again
    expect(s.baseString).toContain("t%3Da%2520b%2521%252A%2527%2528%2529~-._%252B%2526%253D%25C3%25A9");
  });

  it("generates fresh nonces and a current timestamp by default", () => {
    const a = signRequest({ ...example, nonce: undefined, timestamp: undefined, method: "POST", url: "https://x.test/a" });
    const b = signRequest({ ...example, nonce: undefined, timestamp: undefined, method: "POST", url: "https://x.test/a" });
    const nonce = (h: string) => /oauth_nonce="([^"]+)"/.exec(h)?.[1];
    expect(nonce(a.authorization)).toMatch(/^[0-9a-f]{32}$/);
    expect(nonce(a.authorization)).not.toBe(nonce(b.authorization));
    const ts = Number(/oauth_timestamp="(\d+)"/.exec(a.authorization)?.[1]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
  });
});
