import type { SiteText } from './site-text.js';

/** The English website, served under /en/. The guidelines are the published text, word for word. */
export const en: SiteText = {
  lang: 'en',
  languageName: 'English',
  skipLink: 'Skip to content',
  homeLabel: 'Groupz, to the home page',
  mainNavLabel: 'Main menu',
  footerNavLabel: 'About Groupz',
  toPlatform: 'Go to the booking platform',
  footerNote: 'This website sets no cookies, uses no JavaScript and does not track you.',
  pages: {
    home: {
      path: '/en/',
      title: 'Group bookings at Dutch venues',
      navLabel: 'Home',
      description:
        'Groupz is the booking platform for groups: school classes, companies, clubs and families book activities at Dutch venues, without an account.',
      body: (links) => (
        <>
          <h1>Group bookings at Dutch venues</h1>
          <p class="lead">
            Groupz is the booking platform for groups. School classes, companies, clubs, families and friends find an activity, see at once
            what is available for their group size and book it in a few minutes. Without an account.
          </p>
          <p>
            <a class="button" href={links.platform}>
              See the activities on {links.platformHost}
            </a>
          </p>
          <ul class="cards">
            <li class="card">
              <h2>For groups</h2>
              <p>
                Pick a date and your group size, see the price for the whole group and book. A personal link then lets you manage it all.
              </p>
              <p>
                <a href={links.page('groups')}>How booking works</a>
              </p>
            </li>
            <li class="card">
              <h2>For venues</h2>
              <p>One back office for activities, time slots, capacity, options and requests, in Dutch and English.</p>
              <p>
                <a href={links.page('venues')}>Groupz for venues</a>
              </p>
            </li>
            <li class="card">
              <h2>Secure and free of tracking</h2>
              <p>No tracking tools, virtually no cookies, TLS 1.3 encryption and a backup at two locations every night.</p>
              <p>
                <a href={links.page('guidelines')}>Technical guidelines</a>
              </p>
            </li>
          </ul>
          <h2>Why Groupz</h2>
          <ul class="checks">
            <li>No account and no password: a personal link lets you manage your booking.</li>
            <li>A time slot is never sold twice, not even when groups book at the same moment.</li>
            <li>Everything in Dutch and English, the emails included.</li>
            <li>Works without JavaScript too and loads nothing from other websites.</li>
          </ul>
        </>
      ),
    },
    groups: {
      path: '/en/for-groups/',
      title: 'How to book with your group',
      navLabel: 'For groups',
      description:
        'Finding, booking and managing an activity with your group: no account, a personal manage link and a link for participants.',
      body: (links) => (
        <>
          <h1>How to book with your group</h1>
          <p class="lead">
            A school trip, a team outing, a club day or a family party: with Groupz you arrange it in four steps, without creating an
            account.
          </p>
          <ol class="steps">
            <li>
              <h2>Find</h2>
              <p>
                Choose an activity and filter by date and group size. For each time slot you see how many places are left and what it costs
                for your whole group. Where a slot is not possible, it says why.
              </p>
            </li>
            <li>
              <h2>Book</h2>
              <p>
                Enter your name, email address and phone number, and if you like your organisation and notes for the venue. You see the
                price with the VAT per rate before you confirm. Depending on the activity your booking is confirmed at once, you send a
                request the venue decides on, or you take an option: the venue then holds the places for you, without obligation, until a
                deadline.
              </p>
            </li>
            <li>
              <h2>Manage with your personal link</h2>
              <p>
                You get an email with a personal manage link. With it you change the number of people, confirm an option, cancel within the
                activity's conditions, add the visit to your calendar or have the link emailed again. Anyone with the link can manage your
                booking, so do not share it.
              </p>
            </li>
            <li>
              <h2>Participants</h2>
              <p>
                Share the participant link with your group. Each participant enters their name and what the activity asks, such as dietary
                needs, allergies or an emergency phone number. Participants do not see each other's entries nor your contact details; your
                manage page shows you who has filled in.
              </p>
            </li>
          </ol>
          <h2>Kept informed</h2>
          <p>
            You get an email at every step, in your own language, with the visit as a calendar file: when you book, 24 hours before an
            option expires and two days before the visit.
          </p>
          <p>
            <a class="button" href={links.platform}>
              See the activities
            </a>
          </p>
        </>
      ),
    },
    venues: {
      path: '/en/for-venues/',
      title: 'Groupz for venues',
      navLabel: 'For venues',
      description:
        "Groupz's back office: activities, time slots and capacity, options and requests, bookings and your team, in Dutch and English.",
      body: (links) => (
        <>
          <h1>Groupz for venues</h1>
          <p class="lead">
            For everyone who welcomes groups: boat tours, climbing halls, farms, museums and other outings. Your team runs everything from
            one back office, in Dutch or English.
          </p>
          <h2>The back office</h2>
          <ul>
            <li>A day schedule with every time slot and its groups, and the next seven days at a glance.</li>
            <li>
              Search and filter bookings, cancel them, mark them paid and add internal notes; with each booking's full history and an export
              for Excel.
            </li>
            <li>An email to your team for every new booking and every change.</li>
          </ul>
          <h2>Activities, time slots and capacity</h2>
          <p>
            For each activity you set the title and description in both languages, the smallest and largest group, the price lines with VAT
            and until when it can be booked. You add time slots one by one or with a weekly schedule that generates them, with dates to
            skip. A slot's capacity is never exceeded: even when groups book at the same moment, Groupz never sells a place twice.
          </p>
          <h2>Options and requests</h2>
          <p>
            For each activity you choose whether groups book at once or send a request you accept or decline. If you allow options, you
            decide how long they last, until how many days before the visit they can be taken and how many open options one email address
            may hold. An option that is not confirmed in time expires by itself and its places become free again. You can also confirm an
            option, or extend it once.
          </p>
          <h2>Dutch and English</h2>
          <p>
            Every page and email exists in Dutch and English. Groups get their emails in the language they booked in; your team chooses its
            own.
          </p>
          <h2>Your team</h2>
          <p>
            Every staff member has their own account with a role: manager, staff or read-only. Signing in takes a password and a code from
            an authenticator app, and an audit log records who did what and when. Staff see only their own venue's data. The platform's
            administrator creates your venue's first account; you then add your team yourself.
          </p>
          <p>
            <a class="button" href={links.staffLogin}>
              Sign in to the back office
            </a>
          </p>
        </>
      ),
    },
    guidelines: {
      path: '/en/technical-guidelines/',
      title: 'Technical guidelines',
      description:
        'How Groupz ensures a secure environment: a separate platform, TLS 1.3, a firewall, nightly backups, two-factor authentication and no tracking.',
      body: () => (
        <>
          <h1>Technical guidelines</h1>
          <p class="lead">How do we ensure a secure environment for Groupz.now?</p>
          <section class="promise" aria-labelledby="separate">
            <h2 id="separate">Platform and website kept apart</h2>
            <p>
              The platform (bookings.groupz.now) is completely separate from the public website (groupz.now). This allows us to optimize and
              secure both independently.
            </p>
            <p class="practice">
              In practice: the platform answers only under its own address. This website is built and served apart from the platform, as
              fixed pages without cookies and without JavaScript.
            </p>
          </section>
          <section class="promise" aria-labelledby="hosting">
            <h2 id="hosting">Hosted in the Netherlands</h2>
            <p>
              The platform is hosted on TransIP servers in datacenters in Amsterdam, equipped with modern Linux distributions. By hosting
              locally in the Netherlands, response times for most of our visitors are shorter and we are also less dependent on US tech
              companies.
            </p>
            <p>Physical access to the location of the servers is not possible, except for TransIP staff.</p>
          </section>
          <section class="promise" aria-labelledby="tls">
            <h2 id="tls">TLS 1.3 encryption</h2>
            <p>
              All traffic to and from the server is encrypted via TLS1.3 (https). This is the most modern form of data encryption between
              your web browser and the server, and ensures that traffic cannot be intercepted. Outdated versions of SSL or TLS are
              deliberately not accepted.
            </p>
            <p class="practice">
              In practice: a connection offering TLS 1.2 or older is refused at its very start. Plain http only gets a redirect to https,
              and your browser remembers for two years that the platform can only be reached over https.
            </p>
          </section>
          <section class="promise" aria-labelledby="firewall">
            <h2 id="firewall">Firewall</h2>
            <p>
              All incoming ports are closed using a firewall, except ports 80 and 443 (http and https). This ensures that no other
              applications on the server can be accessed from outside.
            </p>
          </section>
          <section class="promise" aria-labelledby="ssh">
            <h2 id="ssh">Management over SSH</h2>
            <p>
              SSH traffic (for encrypted remote management) is only allowed from a very small number of IP addresses. This means
              administrators can only access from a very limited number of locations.
            </p>
          </section>
          <section class="promise" aria-labelledby="backups">
            <h2 id="backups">A backup every night</h2>
            <p>
              All data hosted on TransIP servers is automatically backed up every night. This backup is stored on TransIP server and at a
              second location. The backups are kept for a minimum of 14 days.
            </p>
            <p class="practice">
              In practice: the backups are encrypted and checked at both locations every night. If one fails, the administrators are
              alerted.
            </p>
          </section>
          <section class="promise" aria-labelledby="two-factor">
            <h2 id="two-factor">Two-factor authentication and sessions</h2>
            <p>
              All access to the platform via back office requires two-factor authentication. Sessions are automatically aborted and cleared
              after one hour of inactivity. This ensures that if someone's password is unexpectedly leaked, one cannot log in, as this
              requires both username, password AND the two-factor code, which changes to a different random code every minute.
            </p>
            <p class="practice">
              In practice: the code comes from an authenticator app, changes every 30 seconds and works only once. The server deletes a
              session after an hour without activity, even when its browser never comes back.
            </p>
          </section>
          <section class="promise" aria-labelledby="cookies">
            <h2 id="cookies">Cookies and tracking</h2>
            <p>
              The platform uses virtually no cookies, nor does it include tracking tools to monitor usage. These (mostly US) tools often
              record much more data than strictly necessary on US servers. It is also often very unclear what exactly happens to that data.
              To ensure that the data on the platform does not fall into other hands, no tracking tools are used at all. The only cookie
              stored in the browser of a platform user is the language choice (Dutch or English), and this setting is only used in our own
              application.
            </p>
            <p class="practice">
              In practice: the language cookie is only set when you choose a language yourself. Venue staff also get one session cookie in
              the back office, which only keeps them signed in. This website (groupz.now) sets no cookies at all.
            </p>
          </section>
        </>
      ),
    },
    privacy: {
      path: '/en/privacy/',
      title: 'Privacy',
      description:
        'No cookies, no tracking and no requests to third parties. What the booking platform keeps of a booking, and who sees it.',
      body: (links) => (
        <>
          <h1>Privacy</h1>
          <p class="lead">Groupz collects no more than your booking needs, and tracks nobody.</p>
          <h2>This website</h2>
          <ul>
            <li>No cookies, and nothing else stored in your browser.</li>
            <li>No JavaScript, no statistics and no tracking tools.</li>
            <li>
              No requests to third parties: the styles and the logo come from this server, the fonts from your own device. A link to the
              booking platform does not pass on which page you came from.
            </li>
          </ul>
          <h2>The booking platform</h2>
          <p>
            On {links.platformHost} the only cookie for groups is your language choice, and only when you choose a language yourself. Venue
            staff get one session cookie in the back office to stay signed in. The platform uses no tracking tools either and loads nothing
            from other websites. Its logs hold no IP addresses and no personal data.
          </p>
          <h2>What the platform keeps of a booking</h2>
          <ul>
            <li>the activity, the date and time, the number of people and the price;</li>
            <li>of the organiser: name, email address and phone number, and if you give them the organisation and notes for the venue;</li>
            <li>the booking's language, its status and the history of its changes;</li>
            <li>
              of participants: their name and only what the activity asks, such as dietary needs, allergies or an emergency phone number.
            </li>
          </ul>
          <p>
            The manage link and the participant link themselves are not stored, only a fingerprint (hash) by which the platform recognises
            them. Your booking is visible to you through the manage link and to the staff of the venue you booked with, not to other venues.
            Participants see the activity, the venue, the date and time and the organisation's name, but not your contact details nor each
            other's entries. Emails about your booking go to the email address you gave.
          </p>
          <p>
            The data is kept on servers in the Netherlands and backed up, encrypted, at two locations every night. Questions about your
            booking or your data? Contact the venue you booked with.
          </p>
        </>
      ),
    },
    notFound: {
      path: '/en/404.html',
      title: 'Page not found',
      description: 'This page does not exist.',
      body: (links) => (
        <>
          <h1>Page not found</h1>
          <p class="lead">This page does not exist (any more). Perhaps you are looking for one of these:</p>
          <ul>
            <li>
              <a href={links.page('home')}>The Groupz home page</a>
            </li>
            <li>
              <a href={links.page('groups')}>How to book with your group</a>
            </li>
            <li>
              <a href={links.page('venues')}>Groupz for venues</a>
            </li>
            <li>
              <a href={links.platform}>The booking platform, {links.platformHost}</a>
            </li>
          </ul>
        </>
      ),
    },
  },
};
