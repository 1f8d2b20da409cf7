import type { MessageKey } from "./messages";
import { en } from "./messages-en";

// A server-only module: the browser build replaces it with an empty one, so the English catalogue
// is not in every page's scripts (messages.ts).
export const english: Record<MessageKey, string> | undefined = en;
