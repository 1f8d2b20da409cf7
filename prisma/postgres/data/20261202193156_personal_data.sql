-- Children learn without an account from now on (issue 16): each child account made before is
-- erased as a deleted account is (app/models/personal-data.server.ts). Its progress, completions
-- and the qualifications of its roster entries stay, tied to the nameless row, so the counts hold.
DELETE FROM "Session" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "PhoneCode" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "Certificate" WHERE "kind" = 'course' AND "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "OrganisationInvitation" WHERE "phone" IN (SELECT "phone" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "AttendanceConfirmation" SET "phone" = 'erased:' || "id", "phoneAsTyped" = '' WHERE "phone" IN (SELECT "phone" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "RosterEntry" SET "name" = '', "searchName" = '', "phone" = NULL, "externalId" = NULL WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "User" SET "fullName" = '', "searchName" = '', "phone" = 'erased:' || "id", "email" = NULL, "passwordHash" = NULL, "setupCodeHash" = NULL, "setupExpiresAt" = NULL, "organisationId" = NULL, "erasedAt" = CURRENT_TIMESTAMP WHERE "targetGroup" = 'CHILD' AND "role" = 'learner';
