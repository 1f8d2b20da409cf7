import { beforeAll, describe, expect, test } from "vitest";

import { createAdmin, createDistrict, createReorganisedArea, createUser, uniquePhone } from "#tests/fixtures/units";
import { startSession } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { changeRoleOrUnit, createAccountsFromRoster, createUserByAdmin, findUserInScope, listUsersInScope, maySetUpAccount, reissueSetupCode } from "./user-admin.server";
import { completeSetup, signUp, verifySignIn } from "./user.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

describe("administrators see their own unit's subtree only", () => {
  test("a ward admin lists the learners of their ward and nobody else's", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const mine = await createUser({ unitId: units.vanPhuc.id, fullName: "Nguyễn Văn Ánh" });
    const other = await createUser({ unitId: units.phuLa.id, fullName: "Nguyễn Văn Ánh" });

    const { users } = await listUsersInScope(admin, "nguyen van anh", 1);

    expect(users.map((user) => user.id)).toContain(mine.id);
    expect(users.map((user) => user.id)).not.toContain(other.id);
  });

  test("a district admin lists the learners of every ward of the district", async () => {
    const admin = await createAdmin(units.district.id, "district_admin");
    const a = await createUser({ unitId: units.vanPhuc.id, fullName: "Trần Bảo Ngọc" });
    const b = await createUser({ unitId: units.phuLa.id, fullName: "Trần Bảo Ngọc" });

    const { users } = await listUsersInScope(admin, "tran bao ngoc", 1);

    expect(users.map((user) => user.id).sort()).toEqual([a.id, b.id].sort());
  });

  test("search ignores diacritics and case in both directions", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const user = await createUser({ unitId: units.vanPhuc.id, fullName: "Lương Thị Xuân Đào" });

    for (const query of ["luong thi xuan dao", "LƯƠNG THỊ", "xuân đào", "Dao"]) {
      const { users } = await listUsersInScope(admin, query, 1);
      expect(
        users.map((found) => found.id),
        query,
      ).toContain(user.id);
    }
  });

  test("a ward admin finds no learner of another ward, as for an unknown id", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const other = await createUser({ unitId: units.phuLa.id });
    const mine = await createUser({ unitId: units.vanPhuc.id });

    expect(await findUserInScope(admin, other.id)).toBeNull();
    expect(await findUserInScope(admin, "no-such-user")).toBeNull();
    expect((await findUserInScope(admin, mine.id))?.id).toBe(mine.id);
  });

  test("a ward admin cannot create an account in another ward", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const phone = uniquePhone();

    const result = await createUserByAdmin(admin, {
      fullName: "Người Ngoài Phường",
      phone,
      email: null,
      unitId: units.phuLa.id,
      targetGroup: "HH",
    });

    expect(result).toEqual({ ok: false, error: "unknown_ward" });
    expect(await prisma.user.count({ where: { phone } })).toBe(0);
  });
});

describe("roles and units", () => {
  test("only a district admin changes roles, and every change is audited", async () => {
    const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });

    expect(await changeRoleOrUnit(wardAdmin, learner.id, { role: "ward_admin", unitId: units.vanPhuc.id })).toEqual({ ok: false, error: "forbidden" });

    const result = await changeRoleOrUnit(districtAdmin, learner.id, { role: "ward_admin", unitId: units.phuLa.id });
    expect(result).toEqual({ ok: true });
    const changed = await prisma.user.findUniqueOrThrow({ where: { id: learner.id }, select: { role: true, unitId: true } });
    expect(changed).toEqual({ role: "ward_admin", unitId: units.phuLa.id });
    const entries = await prisma.auditEntry.findMany({ where: { targetId: learner.id }, select: { actorId: true, action: true } });
    expect(entries).toEqual([{ actorId: districtAdmin.id, action: "user.update" }]);
  });

  test("a district admin cannot change a user outside their district, as for an unknown id", async () => {
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    const elsewhere = await createDistrict();
    const outsider = await createUser({ unitId: elsewhere.vanPhuc.id });

    const change = { role: "ward_admin" as const, unitId: units.phuLa.id };
    expect(await changeRoleOrUnit(districtAdmin, outsider.id, change)).toEqual({ ok: false, error: "not_found" });
    expect(await changeRoleOrUnit(districtAdmin, "no-such-user", change)).toEqual({ ok: false, error: "not_found" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: outsider.id }, select: { role: true } })).toEqual({ role: "learner" });
  });

  test("a district admin must be placed on a district, a learner on a ward", async () => {
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });

    expect(await changeRoleOrUnit(districtAdmin, learner.id, { role: "district_admin", unitId: units.vanPhuc.id })).toEqual({
      ok: false,
      error: "unit_mismatch",
    });
    expect(await changeRoleOrUnit(districtAdmin, learner.id, { role: "learner", unitId: units.district.id })).toEqual({
      ok: false,
      error: "unit_mismatch",
    });
  });
});

describe("accounts", () => {
  test("a duplicate phone or email creates nothing", async () => {
    const phone = uniquePhone();
    const email = `${phone.slice(1)}@example.vn`;
    const first = await signUp({ fullName: "Bùi Văn Cường", phone, email, unitId: units.vanPhuc.id, targetGroup: "HH", password: "mat-khau-dai" });
    expect(first.ok).toBe(true);

    const samePhone = await signUp({ fullName: "Người Khác", phone, email: null, unitId: units.vanPhuc.id, targetGroup: "HH", password: "mat-khau-dai" });
    const sameEmail = await signUp({ fullName: "Người Khác", phone: uniquePhone(), email, unitId: units.vanPhuc.id, targetGroup: "HH", password: "mat-khau-dai" });

    expect(samePhone).toEqual({ ok: false, error: "phone_taken" });
    expect(sameEmail).toEqual({ ok: false, error: "email_taken" });
    expect(await prisma.user.count({ where: { OR: [{ phone }, { email }] } })).toBe(1);
  });

  test("sign-up refuses a unit that is not a ward in force", async () => {
    const phone = uniquePhone();
    const result = await signUp({ fullName: "Bùi Văn Cường", phone, email: null, unitId: units.district.id, targetGroup: "HH", password: "mat-khau-dai" });
    expect(result).toEqual({ ok: false, error: "unknown_ward" });
    expect(await prisma.user.count({ where: { phone } })).toBe(0);
  });

  test("a set-up code sets the password once; a reused or expired code does nothing", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const phone = uniquePhone();
    const created = await createUserByAdmin(admin, { fullName: "Đặng Thu Hà", phone, email: null, unitId: units.vanPhuc.id, targetGroup: "PAR" });
    if (!created.ok) throw new Error(created.error);
    const { setupCode } = created.value;

    expect(await verifySignIn({ phone }, "mat-khau-moi-1")).toBeNull();
    expect(await completeSetup(phone, setupCode.toLowerCase(), "mat-khau-moi-1")).toEqual({ id: created.value.id });
    expect(await verifySignIn({ phone }, "mat-khau-moi-1")).toEqual({ id: created.value.id, phoneConfirmed: true });

    expect(await completeSetup(phone, setupCode, "mat-khau-cua-ke-gian")).toBeNull();
    expect(await verifySignIn({ phone }, "mat-khau-cua-ke-gian")).toBeNull();

    const late = uniquePhone();
    const expiring = await createUserByAdmin(admin, { fullName: "Đặng Thu Hương", phone: late, email: null, unitId: units.vanPhuc.id, targetGroup: "PAR" });
    if (!expiring.ok) throw new Error(expiring.error);
    const afterExpiry = new Date(Date.now() + 31 * 86_400_000);
    expect(await completeSetup(late, expiring.value.setupCode, "mat-khau-moi-2", afterExpiry)).toBeNull();
  });

  test("accounts are created in bulk for roster entries with a phone and no account, and their codes work", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const existing = await createUser({ unitId: units.vanPhuc.id, targetGroup: "PAR" });
    const newcomer = uniquePhone();
    const target = { unitId: units.vanPhuc.id, targetGroup: "PAR" };
    for (const [name, phone] of [
      ["Phụ huynh Mới", newcomer],
      ["Phụ huynh Cũ", existing.phone],
      ["Không Có Số", null],
    ] as const) {
      await prisma.rosterEntry.create({ data: { ...target, name, searchName: name.toLowerCase(), phone, userId: phone === existing.phone ? existing.id : null } });
    }

    const created = await createAccountsFromRoster(admin, target);

    expect(created?.map((account) => account.phone)).toEqual([newcomer]);
    const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { phone: newcomer }, select: { userId: true } });
    expect(entry.userId).not.toBeNull();
    expect(await completeSetup(newcomer, created![0]!.setupCode, "mat-khau-phu-huynh")).toEqual({ id: entry.userId });
    expect(await createAccountsFromRoster(admin, target)).toEqual([]);
    expect(await createAccountsFromRoster(admin, { unitId: units.phuLa.id, targetGroup: "PAR" })).toBeNull();
  });
});

describe("set-up codes take an account over, so only those above it issue them", () => {
  const sessionsOf = (userId: string) => prisma.session.count({ where: { userId } });

  test("a ward admin issues codes for the ward's learners but not for a peer admin or themselves", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const peer = await createAdmin(units.vanPhuc.id, "ward_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });

    expect(await reissueSetupCode(admin, peer.id)).toBeNull();
    expect(await reissueSetupCode(admin, admin.id)).toBeNull();
    expect(await reissueSetupCode(admin, learner.id)).toMatch(/^[A-Z2-9]{8}$/);
    const peerAccount = await prisma.user.findUniqueOrThrow({ where: { id: peer.id }, select: { setupCodeHash: true } });
    expect(peerAccount.setupCodeHash).toBeNull();
  });

  test("a new set-up code sent by SMS goes to the account's phone through the outbox, carrying the new code", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const code = await reissueSetupCode(admin, learner.id, new Date(), { bySms: true });
    const [message, ...more] = await prisma.outboxMessage.findMany({
      where: { recipientUserId: learner.id },
      select: { channel: true, recipientAddress: true, templateKey: true, variables: true },
    });
    expect(more).toEqual([]);
    expect(message).toMatchObject({ channel: "sms", recipientAddress: learner.phone, templateKey: "setup-code" });
    expect(JSON.parse(message!.variables)).toMatchObject({ code });
  });

  test("a district admin issues codes for the admins of its wards, not for another district admin", async () => {
    const district = await createAdmin(units.district.id, "district_admin");
    const otherDistrict = await createAdmin(units.district.id, "district_admin");
    const wardAdmin = await createAdmin(units.phuLa.id, "ward_admin");

    expect(await reissueSetupCode(district, wardAdmin.id)).toMatch(/^[A-Z2-9]{8}$/);
    expect(await reissueSetupCode(district, otherDistrict.id)).toBeNull();
  });

  test("the rule: learners in scope; admins only from a strictly higher unit", () => {
    const ward = "/HN/HA-DONG/";
    const scope = { unitIds: ["ha-dong", "hn"] };
    const account = (role: string, unitId: string, unitPath: string) => ({ role, unitId, unitPath });
    expect(maySetUpAccount(ward, scope, account("learner", "ha-dong", ward))).toBe(true);
    expect(maySetUpAccount(ward, scope, account("ward_admin", "ha-dong", ward))).toBe(false);
    expect(maySetUpAccount("/HN/", scope, account("ward_admin", "ha-dong", ward))).toBe(true);
    expect(maySetUpAccount("/HN/", scope, account("district_admin", "hn", "/HN/"))).toBe(false);
    expect(maySetUpAccount(ward, scope, account("district_admin", "hn", "/HN/"))).toBe(false);
    expect(maySetUpAccount(ward, scope, account("learner", "kien-hung", "/HN/KIEN-HUNG/"))).toBe(false);
  });

  test("a new ward's admin issues a code to a learner of a former ward it took over; another new ward's admin cannot", async () => {
    const area = await createReorganisedArea();
    const north = await createAdmin(area.northWard.id, "ward_admin");
    const south = await createAdmin(area.southWard.id, "ward_admin");
    const learner = await createUser({ unitId: area.first.id });

    expect(await reissueSetupCode(south, learner.id)).toBeNull();
    expect(await reissueSetupCode(north, learner.id)).toMatch(/^[A-Z2-9]{8}$/);
  });

  test("issuing a code ends every session of the account", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });
    await startSession(learner.id);
    await startSession(learner.id);

    await reissueSetupCode(admin, learner.id);
    expect(await sessionsOf(learner.id)).toBe(0);
  });

  test("setting a password with a code ends the account's other sessions", async () => {
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id });
    const setupCode = await reissueSetupCode(admin, learner.id);
    // A device that signed in with the old password after the code was issued.
    await startSession(learner.id);

    expect(await completeSetup(learner.phone, setupCode!, "mat-khau-moi-cua-chu")).toEqual({ id: learner.id });
    expect(await sessionsOf(learner.id)).toBe(0);
  });
});
