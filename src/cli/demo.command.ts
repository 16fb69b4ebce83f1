import { sharpImages } from '../adapters/images/sharp-images.js';
import { systemClock } from '../core/shared/clock.js';
import { addDemoPhotos, seedDemoCatalogue } from '../core/demo/demo-catalogue.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';

export const demoCommand: Command = {
  summary: 'load the demo catalogue into an empty database',
  usage: `Usage: groupz demo

Loads three demo venues (with logos) with bilingual activities (with a photo each) and eight weeks
of slots. Does nothing when the database already has venues.`,
  async run() {
    const { database } = await openRuntime();
    try {
      const loaded = await seedDemoCatalogue(database.db, systemClock);
      if (loaded) await addDemoPhotos(database.db, systemClock, sharpImages);
      process.stdout.write(loaded ? 'demo catalogue loaded\n' : 'the database already has venues; nothing loaded\n');
      return 0;
    } finally {
      await database.close();
    }
  },
};
