export const ROLES = ["learner", "ward_admin", "district_admin"] as const;
export type Role = (typeof ROLES)[number];

export function parseRole(role: string): Role {
  return ROLES.find((known) => known === role) ?? "learner";
}
