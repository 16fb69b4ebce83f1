/** The platform's address as the website links to it: an https origin, nothing after the host. */
export interface PlatformUrl {
  /** `https://host[:port]`, without a trailing slash. */
  origin: string;
  /** The host (and port) for display. */
  host: string;
}

export const DEFAULT_PLATFORM_URL = 'https://bookings.groupz.now';

export class PlatformUrlError extends Error {}

/** Reads a --platform-url value; anything but a plain https origin is refused with the reason. */
export function parsePlatformUrl(input: string): PlatformUrl {
  const refuse = (reason: string) =>
    new PlatformUrlError(
      `--platform-url ${JSON.stringify(input)} ${reason}; give an https address without a path, such as ${DEFAULT_PLATFORM_URL}`,
    );
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.protocol !== 'https:') throw refuse('does not start with https://');
  if (url.username || url.password) throw refuse('holds a user name or password');
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(input)) throw refuse('has a path, query or fragment');
  return { origin: url.origin, host: url.host };
}
