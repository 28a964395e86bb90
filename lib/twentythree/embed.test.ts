import { describe, expect, it } from "vitest";
import { fileUrl, originOf, playerUrl, redeemUrl } from "./embed";

describe("embed URLs", () => {
  it("builds the player URL from the API URL's origin (http emulator works)", () => {
    expect(playerUrl({ apiUrl: "http://localhost:4023", photoId: "60433", token: "Ab12" })).toBe(
      "http://localhost:4023/v.ihtml/player.html?token=Ab12&source=embed&photo_id=60433",
    );
    expect(playerUrl({ apiUrl: "https://video.example.com/sub/", photoId: "1", token: "t t" })).toBe(
      "https://video.example.com/v.ihtml/player.html?token=t+t&source=embed&photo_id=1",
    );
  });

  it("assumes https for a bare domain", () => {
    expect(playerUrl({ domain: "video.example.com", photoId: "1", token: "x" })).toBe(
      "https://video.example.com/v.ihtml/player.html?token=x&source=embed&photo_id=1",
    );
    expect(originOf("Video.Example.com:8443")).toBe("https://video.example.com:8443");
  });

  it("builds file paths /<tree_id>/<photo_id>/<token>/<format>", () => {
    expect(fileUrl({ domain: "video.example.com", treeId: "1", photoId: "60433", token: "Ab12", format: "video_medium" })).toBe(
      "https://video.example.com/1/60433/Ab12/video_medium",
    );
    expect(fileUrl({ apiUrl: "http://localhost:4023", treeId: "2", photoId: "3", token: "a/b", format: "original" })).toBe(
      "http://localhost:4023/2/3/a%2Fb/original",
    );
  });

  it("builds the redeem URL", () => {
    expect(redeemUrl("http://localhost:4023/")).toBe("http://localhost:4023/api/photo/redeem-upload-token");
    expect(redeemUrl("https://video.example.com:443")).toBe("https://video.example.com/api/photo/redeem-upload-token");
  });
});
