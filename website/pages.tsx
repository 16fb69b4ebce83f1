import type { ComponentChildren, VNode } from 'preact';
import type { MessageKey, PageContext, PageId } from './content/texts.js';

/** What each page shows below its h1 and lead, in either language. */
type Body = (c: PageContext) => VNode;

function Button({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a class="button" href={href}>
        {children}
      </a>
    </p>
  );
}

function List({ c, items, class: className }: { c: PageContext; items: MessageKey[]; class?: string }) {
  return (
    <ul class={className}>
      {items.map((key) => (
        <li key={key}>{c.t(key)}</li>
      ))}
    </ul>
  );
}

/** A heading with its paragraphs. */
function Section({ c, heading, text }: { c: PageContext; heading: MessageKey; text: MessageKey[] }) {
  return (
    <>
      <h2>{c.t(heading)}</h2>
      {text.map((key) => (
        <p key={key}>{c.t(key)}</p>
      ))}
    </>
  );
}

const HOME_CARDS: [prefix: 'home.groups' | 'home.venues' | 'home.safe', page: PageId][] = [
  ['home.groups', 'groups'],
  ['home.venues', 'venues'],
  ['home.safe', 'guidelines'],
];

const BOOKING_STEPS = ['groups.find', 'groups.book', 'groups.manage', 'groups.participants'] as const;

/** The published guidelines, one section each: the published text, and how the software keeps it where that says more. */
const PROMISES: {
  id: 'separate' | 'hosting' | 'tls' | 'firewall' | 'ssh' | 'backups' | 'two_factor' | 'cookies';
  text: MessageKey[];
  practice?: MessageKey;
}[] = [
  { id: 'separate', text: ['guidelines.separate.text'], practice: 'guidelines.separate.practice' },
  { id: 'hosting', text: ['guidelines.hosting.text', 'guidelines.physical.text'] },
  { id: 'tls', text: ['guidelines.tls.text'], practice: 'guidelines.tls.practice' },
  { id: 'firewall', text: ['guidelines.firewall.text'] },
  { id: 'ssh', text: ['guidelines.ssh.text'] },
  { id: 'backups', text: ['guidelines.backups.text'], practice: 'guidelines.backups.practice' },
  { id: 'two_factor', text: ['guidelines.two_factor.text'], practice: 'guidelines.two_factor.practice' },
  { id: 'cookies', text: ['guidelines.cookies.text'], practice: 'guidelines.cookies.practice' },
];

export const PAGE_BODIES: Record<PageId, Body> = {
  home: (c) => (
    <>
      <Button href={c.platform}>{c.t('home.platform_button')}</Button>
      <ul class="cards">
        {HOME_CARDS.map(([prefix, page]) => (
          <li class="card" key={prefix}>
            <h2>{c.t(`${prefix}.heading`)}</h2>
            <p>{c.t(`${prefix}.text`)}</p>
            <p>
              <a href={c.path(page)}>{c.t(`${prefix}.link`)}</a>
            </p>
          </li>
        ))}
      </ul>
      <h2>{c.t('home.why.heading')}</h2>
      <List c={c} class="checks" items={['home.why.account', 'home.why.capacity', 'home.why.languages', 'home.why.plain']} />
    </>
  ),
  groups: (c) => (
    <>
      <ol class="steps">
        {BOOKING_STEPS.map((step) => (
          <li key={step}>
            <Section c={c} heading={`${step}.heading`} text={[`${step}.text`]} />
          </li>
        ))}
      </ol>
      <Section c={c} heading="groups.informed.heading" text={['groups.informed.text']} />
      <Button href={c.platform}>{c.t('groups.platform_button')}</Button>
    </>
  ),
  venues: (c) => (
    <>
      <h2>{c.t('venues.back_office.heading')}</h2>
      <List c={c} items={['venues.back_office.schedule', 'venues.back_office.bookings', 'venues.back_office.notices']} />
      {(['venues.activities', 'venues.options', 'venues.languages', 'venues.team'] as const).map((section) => (
        <Section key={section} c={c} heading={`${section}.heading`} text={[`${section}.text`]} />
      ))}
      <Button href={c.staffLogin}>{c.t('venues.staff_button')}</Button>
    </>
  ),
  guidelines: (c) => (
    <>
      {PROMISES.map(({ id, text, practice }) => (
        <section class="promise" aria-labelledby={id} key={id}>
          <h2 id={id}>{c.t(`guidelines.${id}.heading`)}</h2>
          {text.map((key) => (
            <p key={key}>{c.t(key)}</p>
          ))}
          {practice && <p class="practice">{c.t(practice)}</p>}
        </section>
      ))}
    </>
  ),
  privacy: (c) => (
    <>
      <h2>{c.t('privacy.website.heading')}</h2>
      <List c={c} items={['privacy.website.cookies', 'privacy.website.tracking', 'privacy.website.requests']} />
      <Section c={c} heading="privacy.platform.heading" text={['privacy.platform.text']} />
      <h2>{c.t('privacy.stored.heading')}</h2>
      <List c={c} items={['privacy.stored.booking', 'privacy.stored.organiser', 'privacy.stored.history', 'privacy.stored.participants']} />
      <p>{c.t('privacy.stored.who')}</p>
      <p>{c.t('privacy.stored.where')}</p>
    </>
  ),
  notFound: (c) => (
    <ul>
      <li>
        <a href={c.path('home')}>{c.t('notFound.home')}</a>
      </li>
      <li>
        <a href={c.path('groups')}>{c.t('groups.title')}</a>
      </li>
      <li>
        <a href={c.path('venues')}>{c.t('venues.title')}</a>
      </li>
      <li>
        <a href={c.platform}>{c.t('notFound.platform')}</a>
      </li>
    </ul>
  ),
};
