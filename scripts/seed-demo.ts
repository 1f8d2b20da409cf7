// `npm run seed:demo -- --scale N [--seed S] [--until yyyy-mm-dd]`: synthetic demo data for the
// wards of Hà Đông on the database of DATABASE_URL (run `npm start` or the seed first, for the
// units). Scale 1 is about 1,000 roster entries; the same seed, scale and day give the same data.
// Refuses to add a second set.
import { parseArgs } from "node:util";

import { prisma } from "#app/utils/db.server";

import { generateDemoData, hasDemoData } from "./demo-data";

const { values } = parseArgs({
  options: { scale: { type: "string", default: "1" }, seed: { type: "string", default: "2021" }, until: { type: "string" } },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
const until = values.until ? new Date(`${values.until}T23:59:59+07:00`) : new Date();
if (!(scale > 0) || !Number.isInteger(seed) || Number.isNaN(until.getTime())) {
  console.error("usage: npm run seed:demo -- --scale N [--seed S] [--until yyyy-mm-dd]   (N > 0, S a whole number)");
  process.exit(2);
}
if (await hasDemoData()) {
  console.error("This database already holds generated demo data; use a new DATABASE_URL file for another scale or seed.");
  process.exit(1);
}
const started = Date.now();
const counts = await generateDemoData({ scale, seed, until });
console.log(`demo data (scale ${scale}, seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
await prisma.$disconnect();
