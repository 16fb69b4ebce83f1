// Commit subjects are read in one line of `git log --oneline`, in review tools and in the
// changelog: at most 72 characters, no closing full stop. History before FIRST_CHECKED keeps the
// subjects it was written with (published commits are not rewritten); every commit after it,
// merges included, is held to the rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasTool, missingRequirement } from './tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The first commit held to the rule. */
const FIRST_CHECKED = 'a1fea379bdd33da44fdbca9554fc34b30f5d00ef';
const MAX_SUBJECT = 72;

/** What is wrong with a subject, or undefined when nothing is. */
export function subjectFault(subject: string): string | undefined {
  if (subject.trim() === '') return 'empty';
  if (subject.length > MAX_SUBJECT) return `${subject.length} characters (at most ${MAX_SUBJECT})`;
  if (subject.endsWith('.')) return 'ends with a full stop';
  return undefined;
}

function git(...args: string[]): { status: number | null; stdout: string } {
  const run = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout };
}

describe('commit subjects', () => {
  test('a subject is at most 72 characters and ends without a full stop', () => {
    assert.equal(subjectFault('Bookings: take capacity atomically'), undefined);
    assert.equal(subjectFault('x'.repeat(72)), undefined);
    assert.equal(subjectFault('x'.repeat(73)), '73 characters (at most 72)');
    assert.equal(subjectFault('Invoices: number them gaplessly.'), 'ends with a full stop');
    assert.equal(subjectFault(' '), 'empty');
  });

  if (!hasTool('git') || git('rev-parse', '--git-dir').status !== 0) {
    missingRequirement('a git checkout', 'run the tests in a clone of the repository (git clone), with git installed');
    return;
  }

  test('every commit since the rule was made has such a subject', () => {
    const shallow = git('rev-parse', '--is-shallow-repository').stdout.trim() === 'true';
    const log = git('log', '--format=%H%x09%s', 'HEAD');
    assert.equal(log.status, 0);
    const faults: string[] = [];
    let reachedFirst = false;
    for (const line of log.stdout.split('\n').filter(Boolean)) {
      const [hash = '', subject = ''] = line.split('\t');
      const fault = subjectFault(subject);
      if (fault) faults.push(`${hash.slice(0, 10)} "${subject}": ${fault}`);
      if (hash === FIRST_CHECKED) {
        reachedFirst = true;
        break;
      }
    }
    // A shallow clone may end before the first checked commit; a full history must contain it.
    assert.ok(reachedFirst || shallow, `${FIRST_CHECKED} is not in this history`);
    assert.deepEqual(faults, []);
  });
});
