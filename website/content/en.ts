import type { nl } from './nl.js';

/**
 * The English website, served under /en/: exactly the Dutch keys (a missing or extra one is a type
 * error). The guidelines' `.text` entries are the published technical guidelines, word for word.
 */
export const en: Record<keyof typeof nl, string> = {
  'language.name': 'English',
  'layout.skip_link': 'Skip to content',
  'layout.home_label': 'Groupz, to the home page',
  'layout.main_nav': 'Main menu',
  'layout.footer_nav': 'About Groupz',
  'layout.to_platform': 'Go to the booking platform',
  'layout.footer_note': 'This website sets no cookies, uses no JavaScript and does not track you.',

  'home.path': '/en/',
  'home.nav': 'Home',
  'home.title': 'Group bookings at Dutch venues',
  'home.description':
    'Groupz is the booking platform for groups: school classes, companies, clubs and families book activities at Dutch venues, without an account.',
  'home.lead':
    'Groupz is the booking platform for groups. School classes, companies, clubs, families and friends find an activity, see at once what is available for their group size and book it in a few minutes. Without an account.',
  'home.platform_button': 'See the activities on {host}',
  'home.groups.heading': 'For groups',
  'home.groups.text':
    'Pick a date and your group size, see the price for the whole group and book. A personal link then lets you manage it all.',
  'home.groups.link': 'How booking works',
  'home.venues.heading': 'For venues',
  'home.venues.text': 'One back office for activities, time slots, capacity, options and requests, in Dutch and English.',
  'home.venues.link': 'Groupz for venues',
  'home.safe.heading': 'Secure and free of tracking',
  'home.safe.text': 'No tracking tools, virtually no cookies, TLS 1.3 encryption and a backup at two locations every night.',
  'home.safe.link': 'Technical guidelines',
  'home.why.heading': 'Why Groupz',
  'home.why.account': 'No account and no password: a personal link lets you manage your booking.',
  'home.why.capacity': 'A time slot is never sold twice, not even when groups book at the same moment.',
  'home.why.languages': 'Everything in Dutch and English, the emails included.',
  'home.why.plain': 'Works without JavaScript too and loads nothing from other websites.',

  'groups.path': '/en/for-groups/',
  'groups.nav': 'For groups',
  'groups.title': 'How to book with your group',
  'groups.description':
    'Finding, booking and managing an activity with your group: no account, a personal manage link and a link for participants.',
  'groups.lead':
    'A school trip, a team outing, a club day or a family party: with Groupz you arrange it in four steps, without creating an account.',
  'groups.find.heading': 'Find',
  'groups.find.text':
    'Choose an activity and filter by date and group size. For each time slot you see how many places are left and what it costs for your whole group. Where a slot is not possible, it says why.',
  'groups.book.heading': 'Book',
  'groups.book.text':
    'Enter your name, email address and phone number, and if you like your organisation and notes for the venue. You see the price with the VAT per rate before you confirm. Depending on the activity your booking is confirmed at once, you send a request the venue decides on, or you take an option: the venue then holds the places for you, without obligation, until a deadline.',
  'groups.manage.heading': 'Manage with your personal link',
  'groups.manage.text':
    "You get an email with a personal manage link. With it you change the number of people, confirm an option, cancel within the activity's conditions, add the visit to your calendar or have the link emailed again. Anyone with the link can manage your booking, so do not share it.",
  'groups.participants.heading': 'Participants',
  'groups.participants.text':
    "Share the participant link with your group. Each participant enters their name and what the activity asks, such as dietary needs, allergies or an emergency phone number. Participants do not see each other's entries nor your contact details; your manage page shows you who has filled in.",
  'groups.informed.heading': 'Kept informed',
  'groups.informed.text':
    'You get an email at every step, in your own language, with the visit as a calendar file: when you book, 24 hours before an option expires and two days before the visit.',
  'groups.platform_button': 'See the activities',

  'venues.path': '/en/for-venues/',
  'venues.nav': 'For venues',
  'venues.title': 'Groupz for venues',
  'venues.description':
    "Groupz's back office: activities, time slots and capacity, options and requests, bookings and your team, in Dutch and English.",
  'venues.lead':
    'For everyone who welcomes groups: boat tours, climbing halls, farms, museums and other outings. Your team runs everything from one back office, in Dutch or English.',
  'venues.back_office.heading': 'The back office',
  'venues.back_office.schedule': 'A day schedule with every time slot and its groups, and the next seven days at a glance.',
  'venues.back_office.bookings':
    "Search and filter bookings, cancel them, mark them paid and add internal notes; with each booking's full history and an export for Excel.",
  'venues.back_office.notices': 'An email to your team for every new booking and every change.',
  'venues.activities.heading': 'Activities, time slots and capacity',
  'venues.activities.text':
    "For each activity you set the title and description in both languages, the smallest and largest group, the price lines with VAT and until when it can be booked. You add time slots one by one or with a weekly schedule that generates them, with dates to skip. A slot's capacity is never exceeded: even when groups book at the same moment, Groupz never sells a place twice.",
  'venues.options.heading': 'Options and requests',
  'venues.options.text':
    'For each activity you choose whether groups book at once or send a request you accept or decline. If you allow options, you decide how long they last, until how many days before the visit they can be taken and how many open options one email address may hold. An option that is not confirmed in time expires by itself and its places become free again. You can also confirm an option, or extend it once.',
  'venues.languages.heading': 'Dutch and English',
  'venues.languages.text':
    'Every page and email exists in Dutch and English. Groups get their emails in the language they booked in; notices to your team come in both languages.',
  'venues.team.heading': 'Your team',
  'venues.team.text':
    "Every staff member has their own account with a role: manager, staff or read-only. Signing in takes a password and a code from an authenticator app, and an activity log records who did what and when. Staff see only their own venue's data. The platform's administrator creates your venue's first account; you then add your team yourself.",
  'venues.staff_button': 'Sign in to the back office',

  'guidelines.path': '/en/technical-guidelines/',
  'guidelines.nav': 'Technical guidelines',
  'guidelines.title': 'Technical guidelines',
  'guidelines.description':
    'How Groupz ensures a secure environment: a separate platform, TLS 1.3, a firewall, nightly backups, two-factor authentication and no tracking.',
  'guidelines.lead': 'How do we ensure a secure environment for Groupz.now?',
  'guidelines.separate.heading': 'Platform and website kept apart',
  'guidelines.separate.text':
    'The platform (bookings.groupz.now) is completely separate from the public website (groupz.now). This allows us to optimize and secure both independently.',
  'guidelines.separate.practice':
    'In practice: the platform answers only under its own address. This website is built and served apart from the platform, as fixed pages without cookies and without JavaScript.',
  'guidelines.hosting.heading': 'Hosted in the Netherlands',
  'guidelines.hosting.text':
    'The platform is hosted on TransIP servers in datacenters in Amsterdam, equipped with modern Linux distributions. By hosting locally in the Netherlands, response times for most of our visitors are shorter and we are also less dependent on US tech companies.',
  'guidelines.physical.text': 'Physical access to the location of the servers is not possible, except for TransIP staff.',
  'guidelines.tls.heading': 'TLS 1.3 encryption',
  'guidelines.tls.text':
    'All traffic to and from the server is encrypted via TLS1.3 (https). This is the most modern form of data encryption between your web browser and the server, and ensures that traffic cannot be intercepted. Outdated versions of SSL or TLS are deliberately not accepted.',
  'guidelines.tls.practice':
    'In practice: a connection offering TLS 1.2 or older is refused at its very start. Plain http only gets a redirect to https, and your browser remembers for two years that the platform can only be reached over https.',
  'guidelines.firewall.heading': 'Firewall',
  'guidelines.firewall.text':
    'All incoming ports are closed using a firewall, except ports 80 and 443 (http and https). This ensures that no other applications on the server can be accessed from outside.',
  'guidelines.ssh.heading': 'Management over SSH',
  'guidelines.ssh.text':
    'SSH traffic (for encrypted remote management) is only allowed from a very small number of IP addresses. This means administrators can only access from a very limited number of locations.',
  'guidelines.backups.heading': 'A backup every night',
  'guidelines.backups.text':
    'All data hosted on TransIP servers is automatically backed up every night. This backup is stored on TransIP server and at a second location. The backups are kept for a minimum of 14 days.',
  'guidelines.backups.practice':
    'In practice: the backups are encrypted and checked at both locations every night. If one fails, the administrators are alerted.',
  'guidelines.two_factor.heading': 'Two-factor authentication and sessions',
  'guidelines.two_factor.text':
    "All access to the platform via back office requires two-factor authentication. Sessions are automatically aborted and cleared after one hour of inactivity. This ensures that if someone's password is unexpectedly leaked, one cannot log in, as this requires both username, password AND the two-factor code, which changes to a different random code every minute.",
  'guidelines.two_factor.practice':
    'In practice: the code comes from an authenticator app, changes every 30 seconds and works only once. The server deletes a session after an hour without activity, even when its browser never comes back.',
  'guidelines.cookies.heading': 'Cookies and tracking',
  'guidelines.cookies.text':
    'The platform uses virtually no cookies, nor does it include tracking tools to monitor usage. These (mostly US) tools often record much more data than strictly necessary on US servers. It is also often very unclear what exactly happens to that data. To ensure that the data on the platform does not fall into other hands, no tracking tools are used at all. The only cookie stored in the browser of a platform user is the language choice (Dutch or English), and this setting is only used in our own application.',
  'guidelines.cookies.practice':
    'In practice: the language cookie is only set when you choose a language yourself. Venue staff also get one session cookie in the back office, which only keeps them signed in. This website (groupz.now) sets no cookies at all.',

  'privacy.path': '/en/privacy/',
  'privacy.nav': 'Privacy',
  'privacy.title': 'Privacy',
  'privacy.description':
    'No cookies, no tracking and no requests to third parties. What the booking platform keeps of a booking, and who sees it.',
  'privacy.lead': 'Groupz collects no more than your booking needs, and tracks nobody.',
  'privacy.website.heading': 'This website',
  'privacy.website.cookies': 'No cookies, and nothing else stored in your browser.',
  'privacy.website.tracking': 'No JavaScript, no statistics and no tracking tools.',
  'privacy.website.requests':
    'No requests to third parties: the styles and the logo come from this server, the fonts from your own device. A link to the booking platform does not pass on which page you came from.',
  'privacy.platform.heading': 'The booking platform',
  'privacy.platform.text':
    'On {host} the only cookie for groups is your language choice, and only when you choose a language yourself. Venue staff get one session cookie in the back office to stay signed in. The platform uses no tracking tools either and loads nothing from other websites. Its request logs hold no IP addresses and no personal data; the activity log of the back office keeps who did what, with a shortened network address only.',
  'privacy.stored.heading': 'What the platform keeps of a booking',
  'privacy.stored.booking': 'the activity, the date and time, the number of people and the price;',
  'privacy.stored.organiser':
    'of the organiser: name, email address and phone number, and if you give them the organisation and notes for the venue;',
  'privacy.stored.history': "the booking's language, its status and the history of its changes;",
  'privacy.stored.participants':
    'of participants: their name and only what the activity asks, such as dietary needs, allergies or an emergency phone number.',
  'privacy.stored.who':
    "The manage link and the participant link themselves are not stored, only a fingerprint (hash) by which the platform recognises them. Your booking is visible to you through the manage link and to the staff of the venue you booked with, not to other venues. Participants see the activity, the venue, the date and time and the organisation's name, but not your contact details nor each other's entries. Emails about your booking go to the email address you gave.",
  'privacy.stored.where':
    'The data is kept on servers in the Netherlands and backed up, encrypted, at two locations every night. Questions about your booking or your data? Contact the venue you booked with.',

  'notFound.path': '/en/404.html',
  'notFound.title': 'Page not found',
  'notFound.description': 'This page does not exist.',
  'notFound.lead': 'This page does not exist (any more). Perhaps you are looking for one of these:',
  'notFound.home': 'The Groupz home page',
  'notFound.platform': 'The booking platform, {host}',
};
