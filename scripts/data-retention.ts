// `npm run data:retention [-- --apply] [--years N] [--setup-grace-days N]`: removes the personal data
// kept past its time (README, "Dữ liệu cá nhân / Personal data"): roster entries that left more than
// RETENTION_YEARS (default 5) years ago, and accounts whose set-up code expired unused more than
// 90 days ago. Without --apply it only prints what it would remove.
import { applyRetention } from "#app/models/retention.server";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";

function option(name: string, fallback: number) {
  const index = process.argv.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
  return value;
}

const apply = process.argv.includes("--apply");
const rules = { leftYears: option("--years", env.RETENTION_YEARS), setupGraceDays: option("--setup-grace-days", 90) };
const result = await applyRetention(rules, { apply });
const verb = apply ? "removed" : "would remove";
console.log(`roster entries that left before ${result.leftBefore.toISOString().slice(0, 10)}: ${verb} ${result.rosterEntries}`);
console.log(`accounts never activated, set-up code expired more than ${rules.setupGraceDays} days ago: ${verb} ${result.accounts}`);
console.log(apply ? "done" : "dry run: nothing removed; run with --apply to remove");
await prisma.$disconnect();
