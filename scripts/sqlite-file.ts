// The SQLite file of DATABASE_URL, for the backup and restore commands. They work on the file
// itself, so they refuse any other database and say what to use instead.
import path from "node:path";

export function sqliteFileFromEnv() {
  const url = process.env.DATABASE_URL ?? "file:./data/app.db";
  if (!url.startsWith("file:")) {
    fail(
      "DATABASE_URL is not a SQLite file: URL. For PostgreSQL use its own tools (README, Operations):\n" +
        '  pg_dump --format=custom --file=backup.dump "$DATABASE_URL"\n' +
        '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" backup.dump',
    );
  }
  // Relative to the working directory, as the app and scripts/start.js read it.
  return path.resolve(url.replace(/^file:/, "").split("?")[0] ?? "");
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
