// `npm run reminders`: one round of the reminders the servers queue every hour
// (app/models/reminders.server.ts): renewals 60, 30 and 7 days before a certificate expires, and
// courses left for REMINDER_STOPPED_DAYS. The outbox sends them; running it twice queues nothing twice.
import { enqueueDueReminders } from "#app/models/reminders.server";
import { prisma } from "#app/utils/db.server";

const queued = await enqueueDueReminders();
console.log(`reminders queued: ${queued.renewal} renewal, ${queued.stopped} to come back to a course`);
await prisma.$disconnect();
