import type { Translate } from '../i18n/i18n.js';
import type { Language } from '../../core/shared/language.js';

/** What every page needs to speak to the visitor: their language and where they are. */
export interface Ui {
  lang: Language;
  t: Translate;
  /** Path and query of the current page, for the language switcher to come back to. */
  path: string;
  /** The fingerprinted stylesheet URL. */
  stylesheet: string;
  /** The fingerprinted icon URL. */
  icon: string;
  /** Whether search engines may index the page (a public catalogue page); every other page says noindex. */
  indexable: boolean;
}
