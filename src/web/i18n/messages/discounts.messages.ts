import { defineMessages } from '../../../core/i18n/define-messages.js';

/** Discount codes: the booking form's field, its refusals, and the back office's codes. */
export const discountsMessages = defineMessages(
  {
    'discount.field': 'Kortingscode',
    'discount.field_hint': 'Heeft u een kortingscode van de locatie? De korting staat bij de volgende stap in de prijs.',
    'field.discount_unknown': 'Deze kortingscode kennen we niet bij deze locatie. Controleer de code.',
    'field.discount_not_yet_valid': 'Deze kortingscode is nog niet geldig.',
    'field.discount_expired': 'Deze kortingscode is niet meer geldig.',
    'field.discount_not_for_activity': 'Deze kortingscode geldt niet voor deze activiteit.',
    'field.discount_group_too_small': 'Deze kortingscode geldt vanaf een groep van {min} personen.',
    'field.discount_used_up': 'Deze kortingscode is al zo vaak gebruikt als mogelijk is.',
    'field.invalid_discount_code': 'Gebruik alleen letters, cijfers en streepjes (- of _), zonder spaties.',
    'field.discount_code_taken': 'Deze code bestaat al bij deze locatie.',
    'field.below_uses': 'Dit is minder dan het aantal keer dat de code al is gebruikt.',
  },
  {
    'discount.field': 'Discount code',
    'discount.field_hint': 'Do you have a discount code from the venue? The next step shows the discount in the price.',
    'field.discount_unknown': 'This venue has no such discount code. Please check the code.',
    'field.discount_not_yet_valid': 'This discount code is not valid yet.',
    'field.discount_expired': 'This discount code is no longer valid.',
    'field.discount_not_for_activity': 'This discount code does not apply to this activity.',
    'field.discount_group_too_small': 'This discount code applies to groups of {min} or more.',
    'field.discount_used_up': 'This discount code has been used as many times as it can be.',
    'field.invalid_discount_code': 'Use only letters, digits and dashes (- or _), without spaces.',
    'field.discount_code_taken': 'This venue already has this code.',
    'field.below_uses': 'This is fewer than the times the code has been used already.',
  },
);
