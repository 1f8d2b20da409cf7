import type { MessageKey } from "#app/i18n/messages";

/** A training session's kind as a label ("Tập huấn") or inside a sentence ("tập huấn"). */
export function trainingSessionKindKey(kind: string, within: "label" | "sentence" = "label"): MessageKey {
  const training = kind === "training";
  if (within === "sentence") return training ? "account.kind.training" : "account.kind.communication";
  return training ? "trainingSessions.kind.training" : "trainingSessions.kind.communication";
}
