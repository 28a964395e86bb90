// Chapters of a video (§7 `photo/section/*`), for issue #15's one-take recordings: one section
// per question, starting when the question was shown. Spread into the client (client.ts).
import { z } from "zod";
import { TwentyThreeBadResponseError } from "./errors";
import { numOrNull, str } from "./schemas";
import type { Params } from "./transport";
import type { Envelope } from "./response";

const sectionSchema = z.looseObject({ section_id: str, start_time: numOrNull, title: str, description: str });
const sectionListSchema = z.looseObject({ sections: z.array(sectionSchema).optional() });
const createdSchema = z.looseObject({ section: sectionSchema });

export type Section = { sectionId: string; startTime: number; title: string; description: string };

type Call = (method: string, params: Params) => Promise<Envelope>;

function parsed<S extends z.ZodType>(schema: S, data: unknown, method: string): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new TwentyThreeBadResponseError(`unexpected shape: ${r.error.issues[0]?.message ?? "invalid"}`, { method });
  return r.data;
}

const toSection = (s: z.output<typeof sectionSchema>): Section => ({
  sectionId: s.section_id,
  startTime: s.start_time ?? 0,
  title: s.title,
  description: s.description,
});

/** `read` is retried (idempotent), `write` never: a created section must not be created twice. */
export function sectionMethods(read: Call, write: Call) {
  return {
    /** The video's chapters, ordered by start (`read` credentials, so no object token is needed). */
    async listSections(p: { photoId: string; token?: string }): Promise<Section[]> {
      const method = "/api/photo/section/list";
      const params: Params = { photo_id: p.photoId };
      if (p.token) params.token = p.token;
      return (parsed(sectionListSchema, await read(method, params), method).sections ?? []).map(toSection);
    },

    /** One chapter (`write`); TwentyThree requires a title and a description. Never retried. */
    async createSection(p: { photoId: string; startTime: number; title: string; description: string }): Promise<Section> {
      const method = "/api/photo/section/create";
      // Millisecond precision is plenty for a chapter and keeps the decimal string short.
      const params = { photo_id: p.photoId, start_time: String(Math.round(p.startTime * 1000) / 1000), title: p.title, description: p.description };
      return toSection(parsed(createdSchema, await write(method, params), method).section);
    },
  };
}
