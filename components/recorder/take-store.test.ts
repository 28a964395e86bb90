import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { appendChunk, createTake, deleteTake, listTakes, pruneTakes, resetTakeStoreConnection, setTakeDuration, takeBlob } from "./take-store";

const meta = { responseId: "7f0c1f5e-8d6b-4b8e-9a57-3b8a4d2c9e11", kind: "take" as const, source: "camera" as const };
const take = (id: string, slug = "team-stories", createdAt = Date.now()) => ({ id, slug, mimeType: "video/webm", createdAt, meta, label: "Recording" });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh, empty database per test
  resetTakeStoreConnection();
});

describe("saved takes in IndexedDB", () => {
  it("keeps chunks in order and gives the whole take back after a 'reload'", async () => {
    await createTake(take("t1"));
    await appendChunk("t1", 1, new Blob(["world"]), 2000);
    await appendChunk("t1", 0, new Blob(["hello "]), 1000);
    resetTakeStoreConnection(); // as after a reload: a new connection to the same database
    const [saved] = await listTakes("team-stories");
    expect(saved).toMatchObject({ id: "t1", bytes: 11, durationMs: 2000, mimeType: "video/webm" });
    const blob = await takeBlob("t1");
    expect(await blob!.text()).toBe("hello world");
    expect(blob!.type).toBe("video/webm");
  });

  it("lists only this link's takes with bytes in them", async () => {
    await createTake(take("a"));
    await createTake(take("b", "other-link"));
    await createTake(take("empty"));
    await appendChunk("a", 0, new Blob(["x"]), 1000);
    await appendChunk("b", 0, new Blob(["y"]), 1000);
    expect((await listTakes("team-stories")).map((t) => t.id)).toEqual(["a"]);
  });

  it("stores the final length and marks at stop", async () => {
    await createTake(take("t"));
    await appendChunk("t", 0, new Blob(["x"]), 900);
    await setTakeDuration("t", 1234, [{ questionId: "q1", startSeconds: 0 }]);
    const [saved] = await listTakes("team-stories");
    expect(saved!.durationMs).toBe(1234);
    expect(saved!.meta.marks).toEqual([{ questionId: "q1", startSeconds: 0 }]);
  });

  it("deleting a take removes its chunks too", async () => {
    await createTake(take("t"));
    await appendChunk("t", 0, new Blob(["abc"]), 1000);
    await deleteTake("t");
    expect(await listTakes("team-stories")).toEqual([]);
    expect(await takeBlob("t")).toBeNull();
    await createTake(take("t")); // same id again starts empty, no old chunk comes back
    await appendChunk("t", 5, new Blob(["new"]), 1000);
    expect(await (await takeBlob("t"))!.text()).toBe("new");
  });

  it("a chunk for a deleted take is dropped, not stored as an orphan", async () => {
    await appendChunk("gone", 0, new Blob(["late"]), 1000);
    await createTake(take("gone"));
    expect(await (await takeBlob("gone"))!.text()).toBe("");
  });

  it("prunes takes unused for a week and empty ones, keeps recent ones", async () => {
    const now = Date.now();
    await createTake(take("old", "team-stories", now - 8 * 24 * 3600 * 1000));
    await appendChunk("old", 0, new Blob(["x"]), 1000, now - 8 * 24 * 3600 * 1000);
    await createTake(take("empty", "team-stories", now - 5 * 60_000));
    await createTake(take("fresh", "team-stories", now - 1000));
    await appendChunk("fresh", 0, new Blob(["y"]), 1000, now);
    expect(await pruneTakes(now)).toBe(2);
    expect((await listTakes("team-stories")).map((t) => t.id)).toEqual(["fresh"]);
    expect(await takeBlob("old")).toBeNull();
  });
});
