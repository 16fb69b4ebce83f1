import { asset } from './assets.js';

/**
 * The back office's only script, the warning before the idle timeout (pages work without it).
 * Served inside /admin, so like everything there it needs a verified session.
 */
export const sessionScript = asset('admin-session.js', 'text/javascript; charset=utf-8');

export const SESSION_SCRIPT_PATH = `/admin${sessionScript.path}`;
