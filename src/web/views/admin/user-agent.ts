import Bowser from 'bowser';
import type { Ui } from '../ui.js';

/**
 * A session's browser as staff recognise it, "Firefox 133 op Windows" / "Safari 17 on iOS", from the
 * User-Agent it signed in with (read by bowser); what it cannot name reads "Unknown browser".
 */
export function browserLabel(ui: Ui, userAgent: string): string {
  // bowser refuses an empty string; a session stores '' when the browser sent no User-Agent.
  const { browser, os } = userAgent.trim() ? Bowser.parse(userAgent) : { browser: {}, os: {} };
  if (!browser.name) return ui.t('account.session_unknown_browser');
  const major = browser.version?.split('.')[0];
  const name = major ? `${browser.name} ${major}` : browser.name;
  return os.name ? ui.t('account.session_browser_on', { browser: name, os: os.name }) : name;
}
