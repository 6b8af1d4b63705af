import { closeDatabase, getDatabase } from "../lib/db";
import { demoSignIns, seedDemo } from "../lib/seed";

/** Loads the demo data into an empty database (PGlite in .data/ or DATABASE_URL) and prints the sign-ins. */
async function main() {
  const database = await getDatabase();
  try {
    const seeded = await seedDemo(database.db);
    console.log(seeded ? `Demo data loaded (${database.kind}).` : `Users exist already; nothing seeded (${database.kind}).`);
    console.log("Demo sign-ins:");
    for (const s of demoSignIns) console.log(`  ${s.role.padEnd(7)} ${s.email.padEnd(26)} ${s.password}`);
  } finally {
    await closeDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
