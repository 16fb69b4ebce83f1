import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textProblem } from './control-characters.js';

test('line and paragraph separators and C1 controls are line breaks or controls: refused in one-line text', () => {
  for (const text of ['Jan\u2028Jansen', 'Jan\u2029Jansen', 'Jan\u0085Jansen', 'Jan\u009BJansen']) {
    assert.equal(textProblem(text), 'invalid_characters', JSON.stringify(text));
  }
  assert.equal(textProblem('Regel een\u2028regel twee', { multiline: true }), undefined, 'a separator is a break in notes');
  assert.equal(textProblem('Jan\u0085Jansen', { multiline: true }), 'invalid_characters', 'C1 controls are no break anywhere');
});

test('text that shows nothing readable is refused; names in any script are not', () => {
  for (const text of ['\u0301\u0301', '\uE000\uE001', '\u2800 \u3164', '\u200F\u061C', ' \u00A0\u200B']) {
    assert.equal(textProblem(text), 'invisible_only', JSON.stringify(text));
  }
  for (const text of ['Zoë Ækerlund', 'أحمد', 'Team 🚣\u200D♀️', '李雷', 'Ĳsbrand', 'O\u0301scar']) {
    assert.equal(textProblem(text), undefined, text);
  }
});
