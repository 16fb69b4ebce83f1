import { createVenue, isVenueSlugTaken, venueInputSchema } from '../core/catalog/catalog.service.js';
import { systemClock } from '../core/shared/clock.js';
import { type Command, stringOptions } from './command.js';
import { openRuntime } from './runtime.js';

const usage = `Usage: groupz venue add --slug SLUG --name NAME --city CITY [--contact-email E] [--contact-phone P]

Adds a venue: the place whose activities, slots and staff the back office then manages. SLUG is
its name in addresses and in \`groupz staff add --venue SLUG\` (lower-case letters, digits and
hyphens). The contact e-mail address and phone number are shown to organisers on the venue's
activities and in their mails, whose replies go to the address. The rest of its profile (address,
website, texts) and its booking terms are edited in the back office (/admin/venues). Give the
venue its first manager with
  groupz staff add --email E --name N --role manager --venue SLUG`;

export const venueAddCommand: Command = {
  summary: 'add a venue (then give it a manager with staff add)',
  usage,
  takesArguments: true,
  async run(args) {
    const values = stringOptions('venue add', usage, args, ['slug', 'name', 'city', 'contact-email', 'contact-phone']);
    if (!values) return 2;
    const { 'contact-email': contactEmail, 'contact-phone': contactPhone, ...rest } = values;
    const parsed = venueInputSchema.safeParse({ ...rest, contactEmail, contactPhone });
    if (!parsed.success) {
      const option = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      const fields = [...new Set(parsed.error.issues.map((issue) => option(String(issue.path[0]))))].join(', ');
      process.stderr.write(`groupz venue add: ${fields} missing or not valid\n\n${usage}\n`);
      return 2;
    }
    const { database } = await openRuntime();
    try {
      if (await isVenueSlugTaken(database.db, parsed.data.slug)) {
        process.stderr.write(`groupz venue add: a venue with the slug ${parsed.data.slug} exists already\n`);
        return 1;
      }
      const venue = await createVenue(database.db, systemClock, parsed.data);
      process.stdout.write(
        `Venue ${venue.name} (${venue.city}) added as ${venue.slug}. Give it a manager:\n  groupz staff add --email E --name N --role manager --venue ${venue.slug}\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
