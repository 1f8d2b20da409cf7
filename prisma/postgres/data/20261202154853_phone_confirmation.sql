-- Accounts made before phones were confirmed: the ward has known them, as it knows the accounts it creates.
UPDATE "User" SET "phoneConfirmedAt" = CURRENT_TIMESTAMP;
