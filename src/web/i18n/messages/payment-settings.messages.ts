import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Payment settings in the back office: an activity's payment terms and refund policy, a venue's Mollie key. */
export const paymentSettingsMessages = defineMessages(
  {
    'field.tiers_out_of_order': 'Elke regel moet korter vóór het bezoek liggen dan de regel erboven (de langste termijn bovenaan).',
    'field.tiers_percent_rising':
      'Een regel mag niet meer terugbetalen dan de regel erboven: wie eerder annuleert, krijgt nooit minder terug.',
    'field.mollie_key_shape': 'Dit is geen Mollie API-sleutel: die begint met test_ of live_, gevolgd door 30 letters en cijfers.',
    'field.mollie_key_refused':
      'Mollie weigerde deze sleutel. Kopieer hem opnieuw uit het Mollie-dashboard (Ontwikkelaars › API-sleutels).',
    'field.mollie_unreachable':
      'Mollie kon nu niet worden bereikt om de sleutel te controleren; de sleutel is niet opgeslagen. Probeer het later opnieuw.',
    'field.mollie_live_needs_https':
      'Een live-sleutel werkt alleen als het platform via https bereikbaar is (Mollie meldt betalingen aan dat adres). Gebruik een test-sleutel of zet het platform op https.',
    'field.mollie_test_on_live':
      'Een test-sleutel kan hier niet: bij een testbetaling kan iedereen "betaald" kiezen, en dit platform neemt echte boekingen aan. Gebruik de live-sleutel uit het Mollie-dashboard.',

    'payment_form.title': 'Betaling',
    'payment_form.mode': 'Hoe wordt er betaald?',
    'payment_form.mode_hint': 'Online betalen gaat via Mollie (iDEAL, kaarten, Bancontact) met de Mollie-sleutel van de locatie.',
    'payment_form.mode_venue': 'Op locatie (niets online)',
    'payment_form.mode_full': 'Alles online bij het boeken',
    'payment_form.mode_deposit': 'Aanbetaling online bij het boeken, de rest vóór het bezoek',
    'payment_form.deposit_percent': 'Aanbetaling (procent van de prijs)',
    'payment_form.deposit_percent_hint': 'Van {min} tot {max}; alleen bij een aanbetaling.',
    'payment_form.balance_days': 'Rest betalen uiterlijk (dagen vóór het bezoek)',
    'payment_form.balance_days_hint': 'Van {min} tot {max} dagen; alleen bij een aanbetaling.',
    'payment_form.invoice_allowed': 'Organisaties mogen op factuur betalen',
    'payment_form.invoice_term_days': 'Betaaltermijn van de factuur (dagen)',
    'payment_form.invoice_term_days_hint': 'Van {min} tot {max} dagen na het boeken.',
    'payment_form.no_key':
      'Online betalen wordt nu niet aangeboden: deze locatie heeft geen eigen Mollie-sleutel en het platform heeft er ook geen. Boekingen van deze activiteit worden daarom op locatie betaald.',
    'payment_form.no_key_fix':
      'Een beheerder of manager van de locatie kan de Mollie-sleutel van de locatie invullen op de pagina van de locatie.',
    'payment_form.no_key_fix_link': 'Vul de Mollie-sleutel van de locatie in',

    'refund_form.title': 'Annuleringsvoorwaarden',
    'refund_form.hint':
      'Hoeveel de organisator terugkrijgt bij annuleren (of een kleinere groep), naar hoe lang vóór het bezoek. Hoogstens 5 regels, de langste termijn bovenaan; later dan de laatste regel gaat er niets terug. Laat een regel leeg om hem over te slaan.',
    'refund_form.tier': 'Regel {n}',
    'refund_form.amount': 'Tot (aantal) vóór het bezoek',
    'refund_form.unit': 'Eenheid',
    'refund_form.unit_days': 'dagen',
    'refund_form.unit_hours': 'uur',
    'refund_form.percent': 'Terug (procent, 0 tot 100)',
    'refund_form.until_days': 'tot {n} dagen vóór het bezoek',
    'refund_form.until_hours': 'tot {n} uur vóór het bezoek',
    'refund_form.until_start': 'tot het begin van het bezoek',
    'refund_form.sentence_tier': '{until}: {back}',
    'refund_form.all_back': 'alles terug',
    'refund_form.nothing_back': 'niets terug',
    'refund_form.percent_back': '{percent} terug',
    'refund_form.sentence_later': 'daarna niets terug',
    'refund_form.sentence_none': 'Bij annuleren gaat er niets terug.',

    'mollie_key.title': 'Online betalen (Mollie)',
    'mollie_key.serves_own': 'Online betalingen van deze locatie gaan via de eigen Mollie-sleutel van de locatie.',
    'mollie_key.serves_platform': 'Deze locatie heeft geen eigen Mollie-sleutel: online betalingen gaan via de sleutel van het platform.',
    'mollie_key.serves_none':
      'Online betalen wordt niet aangeboden, omdat deze locatie geen eigen Mollie-sleutel heeft en het platform er ook geen heeft. Activiteiten die online betaling vragen, worden op locatie betaald tot hier een sleutel is ingevuld.',
    'mollie_key.set': 'Er is een sleutel ingesteld die eindigt op …{ending} ({mode}), gecontroleerd op {checked}.',
    'mollie_key.set_unreadable':
      'Er is een sleutel ingesteld, maar die kan met de huidige platformsleutel niet worden geopend. Vul hem opnieuw in.',
    'mollie_key.mode_test': 'testmodus',
    'mollie_key.mode_live': 'live',
    'mollie_key.key': 'Mollie API-sleutel',
    'mollie_key.key_hint':
      'Uit het Mollie-dashboard (Ontwikkelaars › API-sleutels): test_… om te proberen, live_… om echt geld te ontvangen. De sleutel wordt bij Mollie gecontroleerd, versleuteld opgeslagen en nooit meer getoond.',
    'mollie_key.save': 'Sleutel controleren en opslaan',
    'mollie_key.saved': 'De Mollie-sleutel is gecontroleerd en opgeslagen.',
    'mollie_key.remove': 'Sleutel verwijderen',
    'mollie_key.removed': 'De Mollie-sleutel van de locatie is verwijderd.',
    'invoicing.title': 'Betalen op factuur',
    'invoicing.po_required': 'Organisaties die op factuur betalen, moeten een eigen kenmerk (inkoopordernummer) opgeven',
    'invoicing.save': 'Opslaan',
    'invoicing.saved': 'De instelling voor betalen op factuur is opgeslagen.',

    'activity_log.action.venue.mollie_key_set': 'Mollie-sleutel van de locatie ingesteld',
    'activity_log.action.venue.mollie_key_removed': 'Mollie-sleutel van de locatie verwijderd',
    'activity_log.action.venue.invoicing_changed': 'Betalen op factuur gewijzigd',
  },
  {
    'field.tiers_out_of_order': 'Each row must be shorter before the visit than the row above it (the longest period first).',
    'field.tiers_percent_rising': 'A row may not refund more than the row above it: cancelling earlier never gets less back.',
    'field.mollie_key_shape': 'This is not a Mollie API key: one starts with test_ or live_, followed by 30 letters and digits.',
    'field.mollie_key_refused': 'Mollie refused this key. Copy it again from the Mollie dashboard (Developers › API keys).',
    'field.mollie_unreachable': 'Mollie could not be reached to check the key now; the key was not saved. Please try again later.',
    'field.mollie_live_needs_https':
      'A live key only works when the platform is reachable over https (Mollie reports payments to that address). Use a test key or put the platform on https.',
    'field.mollie_test_on_live':
      'A test key cannot be used here: at a test payment anyone can choose "paid", and this platform takes real bookings. Use the live key from the Mollie dashboard.',

    'payment_form.title': 'Payment',
    'payment_form.mode': 'How is it paid?',
    'payment_form.mode_hint': "Online payments go through Mollie (iDEAL, cards, Bancontact) with the venue's Mollie key.",
    'payment_form.mode_venue': 'At the venue (nothing online)',
    'payment_form.mode_full': 'In full online when booking',
    'payment_form.mode_deposit': 'A deposit online when booking, the rest before the visit',
    'payment_form.deposit_percent': 'Deposit (percent of the price)',
    'payment_form.deposit_percent_hint': '{min} to {max}; only with a deposit.',
    'payment_form.balance_days': 'Rest due (days before the visit)',
    'payment_form.balance_days_hint': '{min} to {max} days; only with a deposit.',
    'payment_form.invoice_allowed': 'Organisations may pay on invoice',
    'payment_form.invoice_term_days': "Invoice's payment term (days)",
    'payment_form.invoice_term_days_hint': '{min} to {max} days after booking.',
    'payment_form.no_key':
      'Online payment is not offered now: this venue has no Mollie key of its own and the platform has none either. Bookings of this activity are therefore paid at the venue.',
    'payment_form.no_key_fix': "An admin or a manager of the venue can enter the venue's Mollie key on the venue's page.",
    'payment_form.no_key_fix_link': "Enter the venue's Mollie key",

    'refund_form.title': 'Cancellation policy',
    'refund_form.hint':
      'How much the organiser gets back when cancelling (or making the group smaller), by how long before the visit. At most 5 rows, the longest period first; later than the last row nothing goes back. Leave a row empty to skip it.',
    'refund_form.tier': 'Row {n}',
    'refund_form.amount': 'Until (number) before the visit',
    'refund_form.unit': 'Unit',
    'refund_form.unit_days': 'days',
    'refund_form.unit_hours': 'hours',
    'refund_form.percent': 'Back (percent, 0 to 100)',
    'refund_form.until_days': 'until {n} days before the visit',
    'refund_form.until_hours': 'until {n} hours before the visit',
    'refund_form.until_start': 'until the visit starts',
    'refund_form.sentence_tier': '{until}: {back}',
    'refund_form.all_back': 'everything back',
    'refund_form.nothing_back': 'nothing back',
    'refund_form.percent_back': '{percent} back',
    'refund_form.sentence_later': 'later: nothing back',
    'refund_form.sentence_none': 'Nothing goes back on cancelling.',

    'mollie_key.title': 'Online payment (Mollie)',
    'mollie_key.serves_own': "This venue's online payments go through the venue's own Mollie key.",
    'mollie_key.serves_platform': "This venue has no Mollie key of its own: online payments go through the platform's key.",
    'mollie_key.serves_none':
      'Online payment is not offered, because this venue has no Mollie key of its own and the platform has none either. Activities asking for online payment are paid at the venue until a key is entered here.',
    'mollie_key.set': 'A key ending in …{ending} is set ({mode}), checked on {checked}.',
    'mollie_key.set_unreadable': "A key is set, but it cannot be opened with the platform's current secret key. Please enter it again.",
    'mollie_key.mode_test': 'test mode',
    'mollie_key.mode_live': 'live mode',
    'mollie_key.key': 'Mollie API key',
    'mollie_key.key_hint':
      'From the Mollie dashboard (Developers › API keys): test_… to try things out, live_… to receive real money. The key is checked with Mollie, stored encrypted and never shown again.',
    'mollie_key.save': 'Check and save the key',
    'mollie_key.saved': 'The Mollie key has been checked and saved.',
    'mollie_key.remove': 'Remove the key',
    'mollie_key.removed': "The venue's Mollie key has been removed.",
    'invoicing.title': 'Paying on invoice',
    'invoicing.po_required': 'Organisations paying on invoice must give their own reference (purchase order number)',
    'invoicing.save': 'Save',
    'invoicing.saved': 'The setting for paying on invoice has been saved.',

    'activity_log.action.venue.mollie_key_set': "Venue's Mollie key set",
    'activity_log.action.venue.mollie_key_removed': "Venue's Mollie key removed",
    'activity_log.action.venue.invoicing_changed': 'Paying on invoice changed',
  },
);
