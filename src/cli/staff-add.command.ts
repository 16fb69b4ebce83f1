import { systemClock } from '../core/shared/clock.js';
import { DomainError } from '../core/shared/errors.js';
import { addStaff, SETUP_LINK_HOURS } from '../core/staff/staff.service.js';
import { isRole, ROLES } from '../core/staff/staff.js';
import { type Command, stringOptions } from './command.js';
import { openRuntime } from './runtime.js';

const usage = `Usage: groupz staff add --email EMAIL --name NAME --role ROLE [--venue SLUG]

Creates a back-office account and prints its one-time setup link (valid ${SETUP_LINK_HOURS} hours).
The person opens it to choose a password and link an authenticator app; until then the account
cannot sign in. There is no default account: create the first admin this way.

Roles: admin (the platform, every venue; no --venue), manager, staff, viewer (one venue: --venue
with the venue's slug).`;

/** Why a domain refusal stops the command, in words for an operator. */
const REFUSALS: Partial<Record<DomainError['code'], string>> = {
  email_taken: 'an account with this email address exists already',
  email_invalid: '--email must be an email address',
  name_invalid: '--name must be 1 to 100 characters',
  venue_required: 'admin takes no --venue; manager, staff and viewer need --venue SLUG',
  not_found: 'no venue has this slug',
};

export const staffAddCommand: Command = {
  summary: 'create a back-office account and print its setup link',
  usage,
  takesArguments: true,
  async run(args) {
    const values = stringOptions('staff add', usage, args, ['email', 'name', 'role', 'venue']);
    if (!values) return 2;
    const { email, name, role, venue } = values;
    if (!email || !name || !isRole(role)) {
      process.stderr.write(`groupz staff add: --email, --name and --role (${ROLES.join(', ')}) are required\n\n${usage}\n`);
      return 2;
    }
    const { config, database } = await openRuntime();
    try {
      const { setupToken } = await addStaff(database.db, systemClock, { email, name, role, venue }, null);
      process.stdout.write(
        `Account created for ${email.trim().toLowerCase()} (${role}). Send this one-time setup link to them; it expires in ${SETUP_LINK_HOURS} hours:\n${config.publicUrl}/staff/setup/${setupToken}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DomainError && REFUSALS[error.code]) {
        process.stderr.write(`groupz staff add: ${REFUSALS[error.code]}\n`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
