import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConditionDetail } from '../../core/watch/platform-condition.repository.js';
import type { OutageNotes } from '../../core/watch/database-watch.service.js';

/** A file per outage warned about, in `<data dir>/watch/`: what a restarted process reads. */
export function outageNotesIn(dataDir: string): OutageNotes {
  const dir = join(dataDir, 'watch');
  const fileOf = (occasion: string) => join(dir, `database-unreachable-${occasion.replace(/[^0-9A-Za-z.-]/g, '_')}.json`);
  return {
    async save(occasion, detail) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(fileOf(occasion), JSON.stringify({ occasion, detail }), { mode: 0o600 });
    },
    async list() {
      const names = (await readdir(dir).catch(() => [])).filter(
        (name) => name.startsWith('database-unreachable-') && name.endsWith('.json'),
      );
      const notes: { occasion: string; detail: ConditionDetail }[] = [];
      for (const name of names) {
        try {
          notes.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as { occasion: string; detail: ConditionDetail });
        } catch {
          // Cut short (a full disk, say): of no use, and it would stop every later look.
          await rm(join(dir, name), { force: true });
        }
      }
      return notes;
    },
    async remove(occasion) {
      await rm(fileOf(occasion), { force: true });
    },
  };
}
