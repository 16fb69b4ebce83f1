/** How each status is named; mails need the names too, so they live in core. */
export { STATUS_LABELS } from '../../../core/i18n/status-labels.js';
