import type { FastifyReply } from 'fastify';

/**
 * The back office's only cookie. The `__Host-` prefix makes browsers insist on Secure, Path=/ and
 * no Domain, so no other host (the public website included) can set or read it.
 */
export const SESSION_COOKIE = '__Host-groupz_session';

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}
