// The components content authors may use, and the attributes each takes. The content check
// refuses anything else, so that a typo fails `npm test`, not a learner's page.
type ComponentRule = {
  required: string[];
  optional: string[];
  allowed?: Record<string, string[]>;
};

export const MDX_COMPONENT_RULES: Record<string, ComponentRule> = {
  Callout: { required: ["kind"], optional: ["title"], allowed: { kind: ["info", "warning", "tip"] } },
  LawQuote: { required: ["source"], optional: [] },
  Hotline: { required: [], optional: [] },
  ForAdults: { required: [], optional: [] },
  KeyPoints: { required: [], optional: [] },
  Figure: { required: ["src", "alt"], optional: ["caption"] },
  MythBuster: { required: ["claim", "verdict"], optional: [], allowed: { verdict: ["true", "false"] } },
};
