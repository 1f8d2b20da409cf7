import { enqueueMessage, type Db } from "#app/models/outbox/enqueue.server";
import { publicUrl } from "#app/utils/env.server";

type Decision = { kind: "approved"; code: string } | { kind: "changes_requested"; message: string } | { kind: "rejected"; reason: string };

const TEMPLATES = { approved: "certification-approved", changes_requested: "certification-changes-requested", rejected: "certification-rejected" } as const;

/**
 * Tells the business owner who submitted the application what the ward decided, in the decision's
 * transaction (the message goes only if the decision holds). One message per decision event.
 */
export async function enqueueDecisionMessage(tx: Db, applicationId: string, eventId: string, decision: Decision) {
  const application = await tx.certificationApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: { submittedById: true, createdById: true, unitId: true, organisation: { select: { name: true } } },
  });
  const organisation = application.organisation.name;
  const variables: Record<string, string> =
    decision.kind === "approved"
      ? { organisation, code: decision.code, url: `${publicUrl}/xac-minh/${decision.code}` }
      : decision.kind === "changes_requested"
        ? { organisation, message: decision.message, url: `${publicUrl}/co-so` }
        : { organisation, reason: decision.reason, url: `${publicUrl}/co-so` };
  await enqueueMessage(tx, {
    recipientUserId: application.submittedById ?? application.createdById,
    template: TEMPLATES[decision.kind],
    variables,
    idempotencyKey: `certification:${eventId}`,
    unitId: application.unitId,
  });
}
