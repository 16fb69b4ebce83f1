import type { Migration } from 'kysely';
import * as catalogueAndBookings from './2026-11-22T0900-catalogue-and-bookings.js';
import * as staffSessionsAudit from './2026-11-22T1200-staff-sessions-audit.js';
import * as bookingAdmin from './2026-11-22T1310-booking-admin.js';
import * as slotSchedules from './2026-11-22T1320-slot-schedules.js';
import * as bookingLifecycle from './2026-11-30T0900-booking-lifecycle.js';
import * as selfAudits from './2026-11-30T2000-self-audits.js';
import * as backups from './2026-11-30T2200-backups.js';
import * as bookingSubmissions from './2026-11-30T2300-booking-submissions.js';
import * as venueContact from './2026-12-04T1200-venue-contact.js';
import * as activityLog from './2026-12-05T1200-activity-log.js';
import * as venueProfilesAndTerms from './2026-12-06T0900-venue-profiles-and-terms.js';
import * as photos from './2026-12-06T0910-photos.js';
import * as activityPracticalStatus from './2026-12-06T0915-activity-practical-status.js';
import * as activityCategory from './2026-12-06T0920-activity-category.js';
import * as payments from './2026-12-07T0900-payments.js';
import * as paymentWindow from './2026-12-07T0910-payment-window.js';
import * as refundCauseProvider from './2026-12-07T0960-refund-cause-provider.js';
import * as bookingAdjustment from './2026-12-07T0970-booking-adjustment.js';
import * as paymentProviderAccount from './2026-12-07T0990-payment-provider-account.js';
import * as invoices from './2026-12-08T0900-invoices.js';
import * as billingCountry from './2026-12-09T0900-billing-country.js';
import * as bookingParty from './2026-12-10T0900-booking-party.js';
import * as discountCodes from './2026-12-10T1000-discount-codes.js';
import * as extras from './2026-12-10T1100-extras.js';
import * as vouchers from './2026-12-11T0900-vouchers.js';
import * as resources from './2026-12-12T0900-resources.js';
import * as rotationAndPartMoves from './2026-12-13T0900-rotation-and-part-moves.js';
import * as retention from './2026-12-14T0900-retention.js';
import * as availabilityVersions from './2026-12-15T0900-availability-versions.js';
import * as platformConditions from './2026-12-16T0900-platform-conditions.js';
import * as jobRuns from './2026-12-16T1000-job-runs.js';
import * as bookingsSlotOrganiser from './2026-12-17T0900-bookings-slot-organiser.js';
import * as activityLogTarget from './2026-12-18T0900-activity-log-target.js';
import * as bookingPricing from './2026-12-19T0900-booking-pricing.js';
import * as failFunction from './2026-12-19T1200-fail-function.js';

/** Every migration, in order. Names are frozen once released. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0900-catalogue-and-bookings': catalogueAndBookings,
  '2026-11-22T1200-staff-sessions-audit': staffSessionsAudit,
  '2026-11-22T1310-booking-admin': bookingAdmin,
  '2026-11-22T1320-slot-schedules': slotSchedules,
  '2026-11-30T0900-booking-lifecycle': bookingLifecycle,
  '2026-11-30T2000-self-audits': selfAudits,
  '2026-11-30T2200-backups': backups,
  '2026-11-30T2300-booking-submissions': bookingSubmissions,
  '2026-12-04T1200-venue-contact': venueContact,
  '2026-12-05T1200-activity-log': activityLog,
  '2026-12-06T0900-venue-profiles-and-terms': venueProfilesAndTerms,
  '2026-12-06T0910-photos': photos,
  '2026-12-06T0915-activity-practical-status': activityPracticalStatus,
  '2026-12-06T0920-activity-category': activityCategory,
  '2026-12-07T0900-payments': payments,
  '2026-12-07T0910-payment-window': paymentWindow,
  '2026-12-07T0960-refund-cause-provider': refundCauseProvider,
  '2026-12-07T0970-booking-adjustment': bookingAdjustment,
  '2026-12-07T0990-payment-provider-account': paymentProviderAccount,
  '2026-12-08T0900-invoices': invoices,
  '2026-12-09T0900-billing-country': billingCountry,
  '2026-12-10T0900-booking-party': bookingParty,
  '2026-12-10T1000-discount-codes': discountCodes,
  '2026-12-10T1100-extras': extras,
  '2026-12-11T0900-vouchers': vouchers,
  '2026-12-12T0900-resources': resources,
  '2026-12-13T0900-rotation-and-part-moves': rotationAndPartMoves,
  '2026-12-14T0900-retention': retention,
  '2026-12-15T0900-availability-versions': availabilityVersions,
  '2026-12-16T0900-platform-conditions': platformConditions,
  '2026-12-16T1000-job-runs': jobRuns,
  '2026-12-17T0900-bookings-slot-organiser': bookingsSlotOrganiser,
  '2026-12-18T0900-activity-log-target': activityLogTarget,
  '2026-12-19T0900-booking-pricing': bookingPricing,
  '2026-12-19T1200-fail-function': failFunction,
};
