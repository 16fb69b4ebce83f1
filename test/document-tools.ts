import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { hasTool, missingRequirement, runTool } from './tools.js';

// The independent tools that read the invoice documents back: poppler's pdftotext and pdffonts,
// libxml2's xmllint, and Saxon-HE (Java) for the Peppol / EN 16931 rules in test/ubl-rules.xq.

export const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';
const RULES = new URL('./ubl-rules.xq', import.meta.url).pathname;

/** Whether the tools are here; when not, declares the requirement (a failure in strict mode) and answers false. */
export function documentToolsPresent(): boolean {
  const missing = [
    ['pdftotext', 'poppler-utils'],
    ['pdffonts', 'poppler-utils'],
    ['xmllint', 'libxml2-utils'],
    ['java', 'default-jre-headless'],
  ].filter(([tool]) => !hasTool(tool!));
  for (const [tool, pkg] of missing) missingRequirement(tool!, `apt-get install -y ${pkg}`);
  if (!existsSync(SAXON_JAR)) missingRequirement('Saxon-HE', 'apt-get install -y libsaxonhe-java');
  return missing.length === 0 && existsSync(SAXON_JAR);
}

/** Runs `fn` with the content written to a temporary file. */
async function withFile<T>(name: string, content: Buffer | string, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-doc-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  try {
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ok(command: string, args: string[]): Promise<string> {
  const { code, output } = await runTool(command, args, 60);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}): ${output}`);
  return output;
}

/** The PDF's text as pdftotext reads it (its layout kept, runs of spaces made one), and the number of pages. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  return withFile('document.pdf', pdf, async (path) => {
    const text = await ok('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
    return { text: text.replace(/[\u00a0 ]+/g, ' '), pages: (text.match(/\f/g) ?? []).length };
  });
}

/** The fonts pdffonts lists: name and whether embedded. */
export async function pdfFonts(pdf: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  return withFile('document.pdf', pdf, async (path) => {
    const lines = (await ok('pdffonts', [path])).trim().split('\n').slice(2);
    return lines.map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type... encoding emb sub uni objectId generation: emb is the 5th column from the end.
      return { name: columns[0]!, embedded: columns[columns.length - 5] === 'yes' };
    });
  });
}

/** xmllint's verdict on well-formedness: '' when well-formed, else its complaint. */
export async function xmlProblems(xml: string): Promise<string> {
  return withFile('document.xml', xml, async (path) => {
    const { code, output } = await runTool('xmllint', ['--noout', path], 60);
    return code === 0 ? '' : output || `exit ${code}`;
  });
}

/** An XQuery's text result on the document, by Saxon-HE. */
export async function xquery(xml: string, query: { file: string } | { text: string }): Promise<string> {
  return withFile('document.xml', xml, async (path) => {
    const q = 'file' in query ? `-q:${query.file}` : `-qs:${query.text}`;
    return (
      await ok('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Query', q, `-s:${path}`, '!method=text', '!omit-xml-declaration=yes'])
    ).trim();
  });
}

/** The ids of the Peppol / EN 16931 rules (test/ubl-rules.xq) the document breaks. */
export async function brokenUblRules(xml: string): Promise<string[]> {
  const out = await xquery(xml, { file: RULES });
  return out === '' ? [] : out.split('\n').map((id) => id.trim());
}

/** The rules each document breaks, in one Saxon run for all of them (a Java start is the slow part). */
export async function brokenUblRulesOfEach(xmls: readonly string[]): Promise<string[][]> {
  if (xmls.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'groupz-docs-'));
  try {
    const paths = xmls.map((xml, i) => {
      const path = join(dir, `document-${i}.xml`);
      writeFileSync(path, xml);
      return path;
    });
    const out = await ok('java', [
      '-cp',
      SAXON_JAR,
      'net.sf.saxon.Query',
      `-q:${RULES}`,
      '!method=text',
      '!omit-xml-declaration=yes',
      `files=${paths.join('\n')}`,
    ]);
    const lines = out.split('\n').filter((line) => line.startsWith('#'));
    if (lines.length !== xmls.length) throw new Error(`Saxon answered ${lines.length} lines for ${xmls.length} documents: ${out}`);
    return lines.map((line) => line.split(' ').filter((id) => id !== '' && id !== '#'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The string value of the first node each XPath finds, in one Saxon run. */
export async function xpathValues(xml: string, paths: string[]): Promise<string[]> {
  const text = `string-join((${paths.map((path) => `string((${path})[1])`).join(', ')}), codepoints-to-string(10))`;
  return (await xquery(xml, { text })).split('\n');
}
