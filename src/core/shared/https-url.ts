/**
 * Whether a text is a public https address as a venue's website must be: https, a host name with a
 * dot (no localhost), no user name or password. The back office's form, the CLI's catalogue and the
 * pages that link to a website all check with this.
 */
export function isHttpsUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
}
