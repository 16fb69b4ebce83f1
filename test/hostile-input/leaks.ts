/** What must never reach a visitor: stack traces, source paths, error class names, driver and SQL text, unrendered values. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at /,
  / {4}at [\w.<>]+ \(/,
  /\/src\/|node_modules|\.tsx?:\d+/,
  /\b(?:Type|Reference|Syntax|Range|Fastify|Zod|Database|Sqlite)Error\b/,
  /\bError: /,
  /FST_ERR_\w+/,
  /SQLITE_\w+/,
  /syntax error/i,
  /violates/,
  /relation "/,
  /invalid input syntax|invalid byte sequence|unterminated/i,
  /\[object Object\]/,
  /\bundefined\b/,
  /\bNaN\b/,
];

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  }
}

/**
 * The first leak in a response: a pattern that matches the body (or the Location header) and
 * is not simply the visitor's own input shown back to them.
 */
export function leakIn(responseText: string, requestParts: readonly string[]): string | undefined {
  const echoed = requestParts.flatMap((part) => [part, decodeLoosely(part)]).join('\n');
  for (const pattern of LEAK_PATTERNS) {
    const match = pattern.exec(responseText);
    if (match && !echoed.includes(match[0])) {
      const at = match.index;
      return `${pattern}: …${responseText.slice(Math.max(0, at - 80), at + 120)}…`;
    }
  }
  return undefined;
}
