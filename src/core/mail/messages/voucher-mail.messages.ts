import { defineMessages } from '../../i18n/define-messages.js';

/** The mail that hands over a gift voucher: its code, value, validity and how to use it. */
export const voucherMailMessages = defineMessages(
  {
    'mail.voucher.subject': 'Uw cadeaubon voor {venue}',
    'mail.voucher.intro_sold': 'Bedankt voor uw aankoop. Hieronder staat uw cadeaubon voor {venue}, ter waarde van {amount}.',
    'mail.voucher.intro_issued': 'U heeft een cadeaubon gekregen voor {venue}, ter waarde van {amount}.',
    'mail.voucher.code': 'De code van de cadeaubon',
    'mail.voucher.venue': 'Locatie',
    'mail.voucher.amount': 'Waarde',
    'mail.voucher.balance': 'Tegoed nu',
    'mail.voucher.valid_until': 'Geldig tot en met',
    'mail.voucher.recipient': 'Voor',
    'mail.voucher.message': 'Boodschap',
    'mail.voucher.how':
      'Zo gebruikt u de cadeaubon: vul de code in op het boekingsformulier van een activiteit van {venue}. Het tegoed betaalt de boeking zover het reikt; de rest betaalt u zoals gewoonlijk. Blijft er tegoed over, dan gebruikt u dezelfde code een volgende keer weer, tot het tegoed op is.',
    'mail.voucher.keep': 'Bewaar deze e-mail goed: wie de code heeft, kan het tegoed gebruiken.',
    'mail.voucher.vat':
      'Cadeaubon voor meerdere doeleinden: over de verkoop is geen btw gerekend; de btw wordt gerekend over de boeking die ermee wordt betaald.',
    'mail.voucher.activities': 'Bekijk de activiteiten',
  },
  {
    'mail.voucher.subject': 'Your gift voucher for {venue}',
    'mail.voucher.intro_sold': 'Thank you for your purchase. Below is your gift voucher for {venue}, worth {amount}.',
    'mail.voucher.intro_issued': 'You have received a gift voucher for {venue}, worth {amount}.',
    'mail.voucher.code': 'The gift voucher’s code',
    'mail.voucher.venue': 'Venue',
    'mail.voucher.amount': 'Value',
    'mail.voucher.balance': 'Balance now',
    'mail.voucher.valid_until': 'Valid through',
    'mail.voucher.recipient': 'For',
    'mail.voucher.message': 'Message',
    'mail.voucher.how':
      'How to use it: enter the code on the booking form of any of {venue}’s activities. Its balance pays the booking as far as it goes; you pay the rest as usual. If some balance is left, use the same code again next time, until it is spent.',
    'mail.voucher.keep': 'Keep this email safe: whoever has the code can spend its balance.',
    'mail.voucher.vat': 'Multi-purpose voucher: no VAT charged on the sale; VAT is charged on the booking it pays.',
    'mail.voucher.activities': 'See the activities',
  },
);
