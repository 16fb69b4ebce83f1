import type { ComponentChildren } from 'preact';

/**
 * A column's header cell: its text; `{ hidden }` for a column of controls, named for screen
 * readers only; `{ blank: true }` for an empty cell. `false` or `undefined` leaves the column out.
 */
export type Column = string | { hidden: string } | { blank: true } | false | undefined;

interface Props<Row> {
  /** What the table holds; it also names the scrolling region. Unique on its page. */
  caption: string;
  /** Show the caption; by default only screen readers get it, the heading above saying it already. */
  showCaption?: boolean;
  columns: readonly Column[];
  rows: readonly Row[];
  /** The row's `<tr>` (or several), whose first cell may be the row's `<th scope="row">`. */
  row: (row: Row, index: number) => ComponentChildren;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ComponentChildren;
  /** Rows after the body, such as a total. */
  foot?: ComponentChildren;
  class?: string;
  testId?: string;
}

function HeaderCell({ column }: { column: Exclude<Column, false | undefined> }) {
  if (typeof column === 'string') return <th scope="col">{column}</th>;
  if ('blank' in column) return <td />;
  return (
    <th scope="col">
      <span class="visually-hidden">{column.hidden}</span>
    </th>
  );
}

/**
 * A table as every page shows one: its caption, column headers with `scope`, the rows, and what
 * to show when there are none. A table wider than a phone scrolls inside its own region, which a
 * keyboard can focus to scroll it.
 */
export function DataTable<Row>({
  caption,
  showCaption = false,
  columns,
  rows,
  row,
  empty,
  foot,
  class: className = 'data',
  testId,
}: Props<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <section class="table-scroll" aria-label={caption} tabIndex={0}>
      <table class={className} data-testid={testId}>
        <caption class={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>{columns.map((column, i) => column !== false && column !== undefined && <HeaderCell key={i} column={column} />)}</tr>
        </thead>
        <tbody>{rows.map((item, index) => row(item, index))}</tbody>
        {foot !== undefined && <tfoot>{foot}</tfoot>}
      </table>
    </section>
  );
}
