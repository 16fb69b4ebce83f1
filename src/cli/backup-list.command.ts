import { loadConfig } from '../config.js';
import { configuredLocations } from '../core/backups/backup-run.service.js';
import { readSnapshots } from '../core/backups/backup-snapshot.js';
import { systemClock } from '../core/shared/clock.js';
import { amsterdamTime, backupAccessOf, formatAge, formatBytes } from './backup-cli.js';
import type { Command } from './command.js';

export const backupListCommand: Command = {
  summary: 'list the snapshots of each backup location',
  usage: `Usage: groupz backup list

Lists the Groupz snapshots in each configured backup location, oldest first: the snapshot's short
id (for groupz backup verify and restore --snapshot), when it was made (Amsterdam time), its age
and its size. A location that cannot be read is reported with restic's error, and the other is
still listed. Exit status: 0 when every location could be read, 1 otherwise.`,
  async run() {
    const access = backupAccessOf(loadConfig(), 'backup list');
    if (!access) return 1;
    let failed = false;
    const now = systemClock.now();
    for (const location of configuredLocations(access.settings)) {
      try {
        const snapshots = await readSnapshots(access.store.repository(location)!);
        const rows = snapshots.map((s) => [s.shortId, amsterdamTime(s.time), formatAge(s.time, now), formatBytes(s.sizeBytes)]);
        const header = ['ID', 'MADE (AMSTERDAM)', 'AGE', 'SIZE'];
        const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
        const line = (cells: string[]) =>
          `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}\n`;
        process.stdout.write(`${location}: ${snapshots.length === 1 ? '1 snapshot' : `${snapshots.length} snapshots`}\n`);
        if (rows.length > 0) process.stdout.write([header, ...rows].map(line).join(''));
      } catch (error) {
        failed = true;
        process.stdout.write(`${location}: cannot be read: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
