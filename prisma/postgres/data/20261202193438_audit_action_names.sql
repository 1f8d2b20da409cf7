-- Audit actions are <domain>.<verb> in kebab-case (docs/decisions/011-names.md): the actions on
-- training sessions move under training-session., and their target type is trainingSession.
UPDATE "AuditEntry" SET "action" = 'training-session.create' WHERE "action" = 'session.create';
UPDATE "AuditEntry" SET "action" = 'training-session.attend' WHERE "action" = 'session.attend';
UPDATE "AuditEntry" SET "action" = 'training-session.ask-confirmation' WHERE "action" = 'session.ask-confirmation';
UPDATE "AuditEntry" SET "action" = 'training-session.confirm' WHERE "action" = 'session.confirm';
UPDATE "AuditEntry" SET "targetType" = 'trainingSession' WHERE "targetType" = 'session';
UPDATE "AuditEntry" SET "action" = 'user.reissue-setup-code' WHERE "action" = 'user.setup-code';
UPDATE "AuditEntry" SET "action" = 'roster.mark-left' WHERE "action" = 'roster.left';
