import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { cleanText } from "#app/utils/text";

// What an uncleaned name may hold: the combining marks of Vietnamese written decomposed (grave,
// acute, circumflex, tilde, breve, hook above, horn, dot below), invisible characters, and spaces
// other than one plain space. A name holding none of these is clean already and is not read.
const SUSPECT = [
  "\u0300",
  "\u0301",
  "\u0302",
  "\u0303",
  "\u0306",
  "\u0309",
  "\u031B",
  "\u0323",
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  "\u00A0",
  "\n",
  "\r",
  "\t",
  "  ",
];

const suspectWhere = <F extends string>(field: F) => ({ OR: SUSPECT.map((text) => ({ [field]: { contains: text } }) as Record<F, { contains: string }>) });

/**
 * Cleans names stored before text was cleaned at every boundary (cleanText): the part of the
 * 20261202195302_normalise_stored_text migration that SQLite cannot do in SQL, composing
 * decomposed (NFD) names. Run by prisma/seed.ts after the migrations at every start; it reads
 * only suspect rows, so once they are clean it costs one scan. Returns how many rows changed.
 */
export async function normaliseStoredText() {
  let changed = 0;
  const users = await prisma.user.findMany({ where: suspectWhere("fullName"), select: { id: true, fullName: true } });
  for (const user of users) {
    const fullName = cleanText(user.fullName);
    if (fullName === user.fullName) continue;
    await prisma.user.update({ where: { id: user.id }, data: { fullName, searchName: foldForSearch(fullName) }, select: { id: true } });
    changed++;
  }
  const entries = await prisma.rosterEntry.findMany({ where: suspectWhere("name"), select: { id: true, name: true } });
  for (const entry of entries) {
    const name = cleanText(entry.name);
    if (name === entry.name) continue;
    await prisma.rosterEntry.update({ where: { id: entry.id }, data: { name, searchName: foldForSearch(name) }, select: { id: true } });
    changed++;
  }
  const organisations = await prisma.organisation.findMany({ where: suspectWhere("name"), select: { id: true, name: true } });
  for (const organisation of organisations) {
    const name = cleanText(organisation.name);
    if (name === organisation.name) continue;
    await prisma.organisation.update({ where: { id: organisation.id }, data: { name, searchName: foldForSearch(name) }, select: { id: true } });
    changed++;
  }
  return changed;
}
