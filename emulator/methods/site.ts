import type { Method } from "../context.ts";
import { site } from "../site-info.ts";
import { intParam } from "./validate.ts";

const albumList: Method = {
  level: "anonymous",
  run(ctx) {
    const page = intParam(ctx, "p", 1, 1, 1_000_000);
    const size = intParam(ctx, "size", 20, 1, 100);
    const db = ctx.emu.db;
    const total = (db.prepare("SELECT COUNT(*) AS n FROM albums").get() as { n: number }).n;
    const rows = db.prepare("SELECT album_id, title FROM albums ORDER BY CAST(album_id AS INTEGER) LIMIT ? OFFSET ?").all(size, (page - 1) * size) as {
      album_id: string;
      title: string;
    }[];
    const count = db.prepare("SELECT COUNT(*) AS n FROM objects WHERE (',' || album_id || ',') LIKE ?");
    const albums = rows.map((a) => ({
      album_id: a.album_id,
      title: a.title,
      content: "",
      one: `/album/${a.album_id}`,
      size: String((count.get(`%,${a.album_id},%`) as { n: number }).n),
    }));
    return { fields: { total_count: total, albums }, p: page, size: albums.length };
  },
};

const siteGet: Method = {
  level: "anonymous",
  run(ctx) {
    // The envelope already carries `site`; the method returns the same object as its payload.
    return { fields: { site: { ...site(ctx.emu), allow_signup_p: "0", license_id: "0" } } };
  },
};

export const siteMethods: Record<string, Method> = {
  "/api/album/list": albumList,
  "/api/site/get": siteGet,
};
