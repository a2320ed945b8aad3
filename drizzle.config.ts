/**
 * drizzle-kit configuration: tables are discovered from src/storage/tables/*.table.ts and SQL
 * migrations are written to src/storage/migrations. After `npm run db:generate`, register the new
 * file in src/storage/migrations.ts (the binary only contains what that registry imports).
 */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/storage/tables/*.table.ts",
  out: "./src/storage/migrations",
});
