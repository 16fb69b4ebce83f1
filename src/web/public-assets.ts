import { asset } from './assets.js';

/** The public pages' stylesheet and icon (the back office uses them too). */
export const stylesheet = asset('app.css', 'text/css; charset=utf-8');
export const icon = asset('logo.svg', 'image/svg+xml');

export const STYLESHEET_PATH = stylesheet.path;
export const ICON_PATH = icon.path;

/** The public pages' only script: copy buttons beside shown links, an enhancement (pages work without it). */
export const copyLinkScript = asset('copy-link.js', 'text/javascript; charset=utf-8');

export const COPY_LINK_SCRIPT_PATH = copyLinkScript.path;
