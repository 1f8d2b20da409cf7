import { beforeAll, describe, expect, test } from "vitest";

import { profile, submittedApplication } from "#tests/fixtures/certification";
import { createAdmin, createDistrict, createUser } from "#tests/fixtures/units";

import { getMyOrganisation, saveOrganisationProfile } from "./organisation.server";
import { approveApplication } from "./review.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

describe("organisation profile", () => {
  test("the first save creates the organisation with its creator as member; a second save updates it", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id, targetGroup: "BIZ" });
    const first = await saveOrganisationProfile(owner, profile(units.vanPhuc.id, { name: "Hộ Dệt Ông Tư", kind: "household", taxCode: null }));
    expect(first.ok).toBe(true);
    const second = await saveOrganisationProfile(owner, profile(units.vanPhuc.id, { name: "Hộ Dệt Ông Tư và Con", kind: "household", taxCode: null }));
    expect(second).toEqual(first);
    const mine = await getMyOrganisation(owner.id);
    expect(mine?.organisation).toMatchObject({ name: "Hộ Dệt Ông Tư và Con", kind: "household", taxCode: null });
    expect(mine?.organisation.members.map((member) => member.id)).toEqual([owner.id]);
  });

  test("a tax code already used by another profile is refused, with its own message when that one is certified", async () => {
    const { details, applicationId } = await submittedApplication(units.vanPhuc.id);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const other = await createUser({ unitId: units.vanPhuc.id });
    expect(await saveOrganisationProfile(other, profile(units.vanPhuc.id, { taxCode: details.taxCode }))).toEqual({ ok: false, error: "taxCode_taken" });
    await approveApplication(admin, applicationId);
    expect(await saveOrganisationProfile(other, profile(units.vanPhuc.id, { taxCode: details.taxCode }))).toEqual({ ok: false, error: "taxCode_certified" });
    expect(await getMyOrganisation(other.id)).toBeNull();
  });

  test("more young workers than workers, or a ward that is not one, is refused", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    expect(await saveOrganisationProfile(owner, profile(units.vanPhuc.id, { workerCount: 1, workers15To18: 2 }))).toEqual({ ok: false, error: "too_many_young" });
    expect(await saveOrganisationProfile(owner, profile(units.vanPhuc.id, { unitId: units.district.id }))).toEqual({ ok: false, error: "unknown_ward" });
  });

  test("the profile cannot change while an application is in review", async () => {
    const { owner, details } = await submittedApplication(units.vanPhuc.id);
    expect(await saveOrganisationProfile(owner, { ...details, name: "Tên Khác" })).toEqual({ ok: false, error: "in_review" });
  });
});
