import type { Language } from '../../core/shared/language.js';
import { type Translator, translatorFor } from '../../core/i18n/i18n.js';
import { labelMessages } from '../../core/i18n/labels.messages.js';
import { activityDetailsMessages } from './messages/activity-details.messages.js';
import { authMessages } from './messages/auth.messages.js';
import { backupsMessages } from './messages/backups.messages.js';
import { bookingsAdminMessages } from './messages/bookings-admin.messages.js';
import { catalogAdminMessages } from './messages/catalog-admin.messages.js';
import { findingMessages } from './messages/finding.messages.js';
import { lostLinkMessages } from './messages/lost-link.messages.js';
import { manageMessages } from './messages/manage.messages.js';
import { priceCategoryMessages } from './messages/price-categories.messages.js';
import { optionsMessages } from './messages/options.messages.js';
import { practicalInfoMessages } from './messages/practical-info.messages.js';
import { participantsMessages } from './messages/participants.messages.js';
import { photosMessages } from './messages/photos.messages.js';
import { phoneBookingMessages } from './messages/phone-booking.messages.js';
import { en as publicEn } from './messages/public.en.js';
import { nl as publicNl } from './messages/public.nl.js';
import { securityMessages } from './messages/security.messages.js';
import { watchMessages } from './messages/watch.messages.js';
import { staffAdminMessages } from './messages/staff-admin.messages.js';
import { submissionsMessages } from './messages/submissions.messages.js';
import { venuesMessages } from './messages/venues.messages.js';
import { paymentsMessages } from './messages/payments.messages.js';
import { paymentSettingsMessages } from './messages/payment-settings.messages.js';
import { balancesMessages } from './messages/balances.messages.js';
import { refundsMessages } from './messages/refunds.messages.js';
import { invoiceHistoryMessages } from './messages/invoice-history.messages.js';
import { venueBillingMessages } from './messages/venue-billing.messages.js';
import { invoiceRegisterMessages } from './messages/invoice-register.messages.js';
import { extrasMessages } from './messages/extras.messages.js';
import { discountsMessages } from './messages/discounts.messages.js';
import { vouchersMessages } from './messages/vouchers.messages.js';
import { voucherSaleMessages } from './messages/voucher-sale.messages.js';
import { voucherAdminMessages } from './messages/voucher-admin.messages.js';
import { resourcesMessages } from './messages/resources.messages.js';
import { programmesMessages } from './messages/programmes.messages.js';
import { retentionMessages } from './messages/retention.messages.js';
import { privacyMessages } from './messages/privacy.messages.js';
import { dataRequestsMessages } from './messages/data-requests.messages.js';

/**
 * The texts of the pages, forms and API: the names they share with the mails (defined once, in
 * core), then each area's own (see define-messages.ts); a new area adds its module here.
 */
const nl = {
  ...labelMessages.nl,
  ...publicNl,
  ...authMessages.nl,
  ...catalogAdminMessages.nl,
  ...bookingsAdminMessages.nl,
  ...staffAdminMessages.nl,
  ...participantsMessages.nl,
  ...manageMessages.nl,
  ...priceCategoryMessages.nl,
  ...securityMessages.nl,
  ...watchMessages.nl,
  ...optionsMessages.nl,
  ...backupsMessages.nl,
  ...submissionsMessages.nl,
  ...findingMessages.nl,
  ...photosMessages.nl,
  ...phoneBookingMessages.nl,
  ...lostLinkMessages.nl,
  ...venuesMessages.nl,
  ...practicalInfoMessages.nl,
  ...paymentsMessages.nl,
  ...paymentSettingsMessages.nl,
  ...balancesMessages.nl,
  ...refundsMessages.nl,
  ...invoiceHistoryMessages.nl,
  ...venueBillingMessages.nl,
  ...invoiceRegisterMessages.nl,
  ...extrasMessages.nl,
  ...discountsMessages.nl,
  ...vouchersMessages.nl,
  ...voucherSaleMessages.nl,
  ...voucherAdminMessages.nl,
  ...resourcesMessages.nl,
  ...programmesMessages.nl,
  ...retentionMessages.nl,
  ...privacyMessages.nl,
  ...dataRequestsMessages.nl,
  ...activityDetailsMessages.nl,
};
const en: Record<keyof typeof nl, string> = {
  ...labelMessages.en,
  ...publicEn,
  ...authMessages.en,
  ...catalogAdminMessages.en,
  ...bookingsAdminMessages.en,
  ...staffAdminMessages.en,
  ...participantsMessages.en,
  ...manageMessages.en,
  ...priceCategoryMessages.en,
  ...securityMessages.en,
  ...watchMessages.en,
  ...optionsMessages.en,
  ...backupsMessages.en,
  ...submissionsMessages.en,
  ...findingMessages.en,
  ...photosMessages.en,
  ...phoneBookingMessages.en,
  ...lostLinkMessages.en,
  ...venuesMessages.en,
  ...practicalInfoMessages.en,
  ...paymentsMessages.en,
  ...paymentSettingsMessages.en,
  ...balancesMessages.en,
  ...refundsMessages.en,
  ...invoiceHistoryMessages.en,
  ...venueBillingMessages.en,
  ...invoiceRegisterMessages.en,
  ...extrasMessages.en,
  ...discountsMessages.en,
  ...vouchersMessages.en,
  ...voucherSaleMessages.en,
  ...voucherAdminMessages.en,
  ...resourcesMessages.en,
  ...programmesMessages.en,
  ...retentionMessages.en,
  ...privacyMessages.en,
  ...dataRequestsMessages.en,
  ...activityDetailsMessages.en,
};

export type MessageKey = keyof typeof nl;
export type Translate = Translator<MessageKey>;

export const catalogues: Record<Language, Record<MessageKey, string>> = { nl, en };

export function translator(lang: Language): Translate {
  return translatorFor(catalogues[lang], lang);
}
