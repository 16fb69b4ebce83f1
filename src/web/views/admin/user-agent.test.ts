import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../i18n/i18n.js';
import type { Language } from '../../../core/shared/language.js';
import { browserLabel } from './user-agent.js';

const uiIn = (lang: Language) => ({ lang, t: translator(lang), path: '/', stylesheet: '/app.css', icon: '/icon.svg', indexable: false });

test('a session lists its browser and system, not the raw User-Agent', () => {
  const cases: [string, string, string][] = [
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Firefox 133 op Windows',
      'Firefox 133 on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17 op iOS',
      'Safari 17 on iOS',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome 131 op macOS',
      'Chrome 131 on macOS',
    ],
    ['', 'Onbekende browser', 'Unknown browser'],
    ['%%% nonsense', 'Onbekende browser', 'Unknown browser'],
  ];
  for (const [userAgent, nl, en] of cases) {
    assert.equal(browserLabel(uiIn('nl'), userAgent), nl, userAgent);
    assert.equal(browserLabel(uiIn('en'), userAgent), en, userAgent);
  }
});
