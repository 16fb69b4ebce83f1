import { randomBytes } from 'node:crypto';
import { deriveLinkKey } from '../src/core/shared/link-key.js';

/** A link key for service tests that run without an app. */
export const TEST_LINK_KEY = deriveLinkKey(randomBytes(32));
