import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { AUDIT_ACTIONS, auditLine, hasAuditSentence, type AuditLineInput } from "./audit-text";

/** Every action string written by an `audit(tx, { action: ... })` call in app/, read from the source. */
function actionsInUse() {
  const files = (readdirSync("app", { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
  const actions = new Set<string>();
  for (const file of files) {
    const source = readFileSync(path.join("app", file), "utf8");
    for (const call of source.matchAll(/audit\(tx, \{[\s\S]*?\}\)/g)) {
      const line = /action: ([^\n]*?)(?:,\s*(?:targetType|\n)|$)/m.exec(call[0])?.[1] ?? "";
      for (const quoted of line.matchAll(/"([a-z-]+\.[a-z-]+)"/g)) actions.add(quoted[1]!);
    }
  }
  return [...actions].sort();
}

const VOCABULARY = { groups: { HH: "Hộ gia đình" }, courses: {}, roles: { learner: "Học viên", ward_admin: "Quản trị viên phường" }, kinds: { training: "Tập huấn" } };

const entry = (action: string, overrides: Partial<AuditLineInput> = {}): AuditLineInput => ({
  action,
  // 07:05 UTC is 14:05 in Hà Nội.
  createdAt: new Date("2026-12-02T07:05:00Z"),
  actor: "Lê Văn Phường",
  target: { name: "Nguyễn Thị Hoa" },
  details: {},
  names: {},
  ...overrides,
});

describe("the audit log's sentences", () => {
  test("every action the code records has a Vietnamese and an English sentence, and no sentence is left over", () => {
    const inUse = actionsInUse();
    expect(inUse.length).toBeGreaterThan(25);
    for (const action of inUse) {
      expect(hasAuditSentence("vi", action), `${action} in Vietnamese`).toBe(true);
      expect(hasAuditSentence("en", action), `${action} in English`).toBe(true);
    }
    expect([...AUDIT_ACTIONS].sort()).toEqual(inUse);
  });

  test("an entry reads as a sentence with the actor, the person and the time in Hà Nội", () => {
    expect(auditLine("vi", entry("roster.mark-left"), VOCABULARY).sentence).toBe("Lê Văn Phường đánh dấu Nguyễn Thị Hoa đã rời đi, 02/12/2026 14:05");
    expect(auditLine("en", entry("roster.mark-left"), VOCABULARY).sentence).toBe("Lê Văn Phường marked Nguyễn Thị Hoa as left, 02/12/2026 14:05");
  });

  test("a training session is named by its day in Hà Nội and its place, even after it was deleted", () => {
    const deleted = entry("training-session.delete", {
      target: { name: "Nhà văn hóa", place: "Nhà văn hóa", heldOn: new Date("2026-12-01T17:00:00Z") },
      details: { heldOn: "2026-12-01T17:00:00.000Z", place: "Nhà văn hóa", ward: "Vạn Phúc", attendees: 1234 },
    });
    const line = auditLine("vi", deleted, VOCABULARY);
    expect(line.sentence).toBe("Lê Văn Phường xóa buổi học ngày 02/12/2026 tại Nhà văn hóa, 02/12/2026 14:05");
    expect(line.fields).toEqual([
      { label: "Ngày", value: "02/12/2026" },
      { label: "Địa điểm", value: "Nhà văn hóa" },
      { label: "Phường", value: "Vạn Phúc" },
      { label: "Số người tham dự", value: "1.234" },
    ]);
    expect(auditLine("en", deleted, VOCABULARY).fields.at(-1)).toEqual({ label: "Attendees", value: "1,234" });
  });

  test("details are labelled fields in the reader's language, with names for ids and changes as old → new", () => {
    const changed = entry("user.update", {
      details: { from: { role: "learner", unitId: "unit-1" }, to: { role: "ward_admin", unitId: "unit-2" } },
      names: { "unit-1": "Vạn Phúc", "unit-2": "Phú La" },
    });
    expect(auditLine("vi", changed, VOCABULARY).fields).toEqual([
      { label: "Vai trò", value: "Học viên → Quản trị viên phường" },
      { label: "Đơn vị", value: "Vạn Phúc → Phú La" },
    ]);
    const imported = auditLine(
      "vi",
      entry("roster.import", { details: { targetGroup: "HH", fileName: "ds.xlsx", created: 2, updated: 0, matched: 1, job: "cjob123" } }),
      VOCABULARY,
    );
    expect(imported.fields.map((field) => `${field.label}: ${field.value}`)).toEqual([
      "Nhóm đối tượng: Hộ gia đình",
      "Tệp: ds.xlsx",
      "Số mục tạo mới: 2",
      "Số mục cập nhật: 0",
      "Số mục khớp tài khoản: 1",
    ]);
  });

  test("a deleted account and an unknown action still read, without a raw id", () => {
    const line = auditLine("vi", entry("some.future-action", { actor: null, target: { name: null } }), VOCABULARY);
    expect(line.sentence).toBe("(Người dùng đã xóa tài khoản): some.future-action, 02/12/2026 14:05");
  });
});
