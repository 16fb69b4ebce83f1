import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'preact-render-to-string';
import { parseHtml, tableHeaderProblems } from '../../../test/html.js';
import { DataTable } from './data-table.js';

const PEOPLE = [
  { name: 'Anna', city: 'Utrecht' },
  { name: 'Piet', city: 'Delft' },
];

function table(props: { rows: typeof PEOPLE; venue: boolean; blank?: boolean; empty?: string }) {
  return parseHtml(
    render(
      <DataTable
        caption="People"
        testId="people"
        columns={['Name', props.venue && 'City', { hidden: 'Actions' }, props.blank && { blank: true }]}
        rows={props.rows}
        empty={props.empty === undefined ? undefined : <p data-testid="none">{props.empty}</p>}
        row={(person) => (
          <tr key={person.name}>
            <th scope="row">{person.name}</th>
            {props.venue && <td>{person.city}</td>}
            <td>
              <a href="#edit">Edit</a>
            </td>
            {props.blank && <td />}
          </tr>
        )}
      />,
    ),
  );
}

test('a table: a named region a keyboard can scroll, its caption, headers with scope, one row per item', () => {
  const page = table({ rows: PEOPLE, venue: true });
  const region = page.querySelector('section.table-scroll')!;
  assert.deepEqual([region.getAttribute('aria-label'), region.getAttribute('tabindex')], ['People', '0']);
  const element = region.querySelector('table[data-testid="people"]')!;
  assert.equal(element.getAttribute('class'), 'data');
  assert.equal(element.querySelector('caption')!.textContent, 'People');
  assert.deepEqual(
    element.querySelectorAll('thead th').map((th) => [th.getAttribute('scope'), th.textContent]),
    [
      ['col', 'Name'],
      ['col', 'City'],
      ['col', 'Actions'],
    ],
  );
  assert.equal(element.querySelector('thead th:nth-child(3) .visually-hidden')!.textContent, 'Actions');
  assert.deepEqual(
    element.querySelectorAll('tbody th').map((th) => th.textContent),
    ['Anna', 'Piet'],
  );
  assert.deepEqual(tableHeaderProblems(element), []);
  const blank = table({ rows: PEOPLE, venue: true, blank: true }).querySelector('table')!;
  assert.deepEqual(
    blank.querySelectorAll('thead tr > *').map((cell) => cell.tagName),
    ['TH', 'TH', 'TH', 'TD'],
    'a blank header cell',
  );
});

test('a column left out leaves out its header; no rows show the empty state, or an empty table without one', () => {
  assert.deepEqual(
    table({ rows: PEOPLE, venue: false })
      .querySelectorAll('thead th')
      .map((th) => th.textContent),
    ['Name', 'Actions'],
  );
  const empty = table({ rows: [], venue: true, empty: 'Nobody yet.' });
  assert.equal(empty.querySelector('table'), null);
  assert.equal(empty.querySelector('[data-testid="none"]')!.textContent, 'Nobody yet.');
  assert.equal(table({ rows: [], venue: true }).querySelectorAll('table tbody tr').length, 0);
});

test("each value cell carries its column's name for a phone's card layout, also when a component renders the cells", () => {
  function Cells({ city }: { city: string }) {
    return (
      <>
        <td>{city}</td>
        <td>
          <a href="#edit">Edit</a>
        </td>
      </>
    );
  }
  const page = parseHtml(
    render(
      <DataTable
        caption="People"
        columns={['Name', 'City', { hidden: 'Actions' }]}
        rows={[...PEOPLE, { name: '', city: '' }]}
        row={(person) =>
          person.name ? (
            <tr key={person.name}>
              <th scope="row">{person.name}</th>
              <Cells city={person.city} />
            </tr>
          ) : (
            <tr key="none">
              <td colSpan={3}>Nobody else</td>
            </tr>
          )
        }
      />,
    ),
  );
  assert.deepEqual(
    page.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('th, td').map((cell) => cell.getAttribute('data-label'))),
    [[undefined, 'City', undefined], [undefined, 'City', undefined], [undefined]],
  );
  assert.deepEqual(
    page.querySelectorAll('tbody td').map((td) => td.textContent),
    ['Utrecht', 'Edit', 'Delft', 'Edit', 'Nobody else'],
  );
});
