import { asset } from '../assets.js';

/** The public pages' only script: copy buttons beside shown links, an enhancement (pages work without it). */
export const copyLinkScript = asset('copy-link.js', 'text/javascript; charset=utf-8');

export const COPY_LINK_SCRIPT_PATH = copyLinkScript.path;
