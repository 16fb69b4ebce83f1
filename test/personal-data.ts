import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../src/db/schema.js';

/** Where a searched text was found: a table's column, or a file. */
export interface Finding {
  where: string;
  text: string;
}

/**
 * Every place in the database (each column of each table, read as text) and in a folder's files
 * that holds one of `texts`, case-insensitively; what a removal must leave empty.
 */
export async function findTexts(db: Db, texts: readonly string[], folders: readonly string[] = []): Promise<Finding[]> {
  const needles = texts.map((text) => text.toLowerCase());
  const findings: Finding[] = [];
  for (const table of await db.introspection.getTables()) {
    const rows = await db
      .selectFrom(table.name as never)
      .selectAll()
      .execute();
    for (const row of rows as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const content = (Buffer.isBuffer(value) ? value.toString('utf8') : String(value)).toLowerCase();
        needles.forEach((needle, i) => {
          if (content.includes(needle)) findings.push({ where: `${table.name}.${column}`, text: texts[i]! });
        });
      }
    }
  }
  for (const folder of folders) {
    for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      let content: string;
      try {
        content = readFileSync(join(folder, name), 'latin1').toLowerCase();
      } catch {
        continue; // a folder
      }
      needles.forEach((needle, i) => {
        if (content.includes(needle)) findings.push({ where: `${folder}/${name}`, text: texts[i]! });
      });
    }
  }
  return findings;
}
