import type { z } from "zod";

/**
 * A JSON text column read back through the schema of what is written to it: the value, or null
 * when the column is empty, not JSON, or not of that shape (a row written before the shape changed
 * is treated as absent, never trusted).
 */
export function decodeJsonColumn<Schema extends z.ZodTypeAny>(text: string | null | undefined, schema: Schema): z.output<Schema> | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as z.output<Schema>) : null;
}
