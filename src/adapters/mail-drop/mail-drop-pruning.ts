import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailFilePruner } from '../../core/privacy/retention.js';

/** The send time in a mail drop file's name (mail-drop.ts): `2026-12-06T10-27-30-123Z-<id>.eml`. */
const STAMPED = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-.+\.eml$/;

/**
 * Deletes the `.eml` files in `<data dir>/mail/` of mails sent before the instant, by the time in
 * their names (what the mail drop wrote, whatever the files' own times say); other files stay.
 */
export function mailDropPruner(dataDir: string): MailFilePruner {
  const dir = join(dataDir, 'mail');
  return async (before) => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const stamp = STAMPED.exec(name);
      if (!stamp) continue;
      const sentAt = new Date(`${stamp[1]}T${stamp[2]}:${stamp[3]}:${stamp[4]}.${stamp[5]}Z`);
      if (sentAt >= before) continue;
      await rm(join(dir, name), { force: true });
      removed += 1;
    }
    return removed;
  };
}
