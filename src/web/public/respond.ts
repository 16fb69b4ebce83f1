import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderPage } from '../views/layout.js';

export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
}
