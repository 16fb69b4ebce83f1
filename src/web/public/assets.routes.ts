import type { FastifyInstance } from 'fastify';
import { asset } from '../assets.js';
import { copyLinkScript } from './public-scripts.js';

const stylesheet = asset('app.css', 'text/css; charset=utf-8');
const icon = asset('logo.svg', 'image/svg+xml');

export const STYLESHEET_PATH = stylesheet.path;
export const ICON_PATH = icon.path;

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  for (const { path, type, body } of [stylesheet, icon, copyLinkScript]) {
    app.get(path, { config: { cache: 'asset' } }, async (_request, reply) => reply.type(type).send(body));
  }
}
