import { ValidationError } from "@/lib/errors";
import { z } from "./define";

// Opaque cursors: base64url JSON of where the next page starts and the page size it was made for.
// Lists are read through the dashboard's paged queries (lib/queries), so a cursor names a position
// in the same order the pages use; a changed filter or limit needs a fresh first page.

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: "Items per page (1–200)." }),
  cursor: z.string().max(200).optional().openapi({ description: "The `nextCursor` of the previous page; omit for the first page." }),
};

export type PageRequest = { page: number; size: number; offset: number };

export function readCursor(options: { cursor?: string | undefined; limit: number }): PageRequest {
  if (!options.cursor) return { page: 1, size: options.limit, offset: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(options.cursor, "base64url").toString("utf8"));
  } catch {
    throw new ValidationError("invalid cursor", ["cursor: not a cursor this API made"]);
  }
  const shape = z
    .object({ o: z.number().int().min(0), l: z.number().int().min(1) })
    .refine((c) => c.o % c.l === 0)
    .safeParse(parsed);
  if (!shape.success) throw new ValidationError("invalid cursor", ["cursor: not a cursor this API made"]);
  if (shape.data.l !== options.limit)
    throw new ValidationError("invalid cursor", [`cursor: was made for limit=${shape.data.l}; keep the limit across pages`]);
  return { page: shape.data.o / shape.data.l + 1, size: shape.data.l, offset: shape.data.o };
}

/** The next page's cursor, or null after the last page. */
export function nextCursor(options: { request: PageRequest; returned: number; matching: number }): string | null {
  const next = options.request.offset + options.request.size;
  if (options.returned < options.request.size || next >= options.matching) return null;
  return Buffer.from(JSON.stringify({ o: next, l: options.request.size })).toString("base64url");
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last." }),
  });
