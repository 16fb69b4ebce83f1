import { defineMessages } from '../../i18n/define-messages.js';

/** The mails about a staff account: its setup link, made or made anew, and an address already taken. */
export const accountMailMessages = defineMessages(
  {
    'mail.account.subject_added': 'Uw account bij Groupz: kies een wachtwoord',
    'mail.account.subject_reissued': 'Uw activeringslink voor Groupz is opnieuw gemaakt',
    'mail.account.subject_exists': 'Iemand probeerde uw e-mailadres toe te voegen bij Groupz',
    'mail.account.intro_added': '{by} heeft voor u een account gemaakt bij {where}, voor {email}.',
    'mail.account.intro_reissued':
      '{by} heeft een nieuwe activeringslink gemaakt voor uw account ({email}). Uw wachtwoord, uw gekoppelde authenticator-app, uw herstelcodes en al uw sessies werken vanaf nu niet meer.',
    'mail.account.how':
      'Kies met de link hieronder een wachtwoord en koppel daarna een authenticator-app. De link werkt één keer, tot {until}.',
    'mail.account.not_you_added': 'Kent u deze organisatie niet? Dan kunt u deze e-mail negeren: zonder de link gebeurt er niets.',
    'mail.account.not_you_reissued':
      'Heeft u hier niet om gevraagd? Neem dan contact op met uw beheerder: wie de link heeft, kan uw account overnemen.',
    'mail.account.link': 'Account activeren',
    'mail.account.link_note': 'Deel deze link met niemand.',
    'mail.account.login': 'Inloggen voor medewerkers',
    'mail.account.footer': 'Deze e-mail is verstuurd door Groupz, het boekingsplatform van uw organisatie.',
    'mail.account.exists_intro':
      '{by} probeerde u toe te voegen als medewerker van {venue}. U heeft al een account bij Groupz met dit e-mailadres; daaraan is niets veranderd.',
    'mail.account.exists_advice':
      'Hoort u daar te werken? Vraag dan een beheerder van het platform om uw account. Verwachtte u dit niet, dan hoeft u niets te doen.',
  },
  {
    'mail.account.subject_added': 'Your Groupz account: choose a password',
    'mail.account.subject_reissued': 'Your Groupz setup link was made anew',
    'mail.account.subject_exists': 'Someone tried to add your email address at Groupz',
    'mail.account.intro_added': '{by} made an account for you at {where}, for {email}.',
    'mail.account.intro_reissued':
      '{by} made a new setup link for your account ({email}). Your password, your linked authenticator app, your recovery codes and all your sessions no longer work.',
    'mail.account.how': 'Choose a password with the link below, then link an authenticator app. The link works once, until {until}.',
    'mail.account.not_you_added': 'You do not know this organisation? Then ignore this email: without the link nothing happens.',
    'mail.account.not_you_reissued':
      'You did not ask for this? Contact your administrator: whoever has the link can take over your account.',
    'mail.account.link': 'Set up your account',
    'mail.account.link_note': 'Share this link with nobody.',
    'mail.account.login': 'Staff sign-in',
    'mail.account.footer': 'This email was sent by Groupz, your organisation’s booking platform.',
    'mail.account.exists_intro':
      '{by} tried to add you as a staff member of {venue}. You already have a Groupz account with this email address; nothing about it changed.',
    'mail.account.exists_advice':
      'Are you to work there? Then ask a platform administrator about your account. If you did not expect this, you need not do anything.',
  },
);
