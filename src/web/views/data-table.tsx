import { cloneElement, type ComponentChildren, Fragment, type FunctionComponent, isValidElement, toChildArray, type VNode } from 'preact';

/**
 * A column's header cell: its text, for a column of free text (names, addresses, notes) that may
 * wrap; `{ figure }` for a column of figures (amounts, dates, times, references, counts, states),
 * each kept on one line on paper; `{ hidden }` for a column of controls, named for screen readers
 * only and left off paper; `{ blank: true }` for an empty cell. `false` or `undefined` leaves the
 * column out.
 */
export type Column = string | { figure: string } | { hidden: string } | { blank: true } | false | undefined;

type Shown = Exclude<Column, false | undefined>;

/** What the stylesheet makes of a column's cells (`figure`, `controls`), by its kind; none for free text. */
function kindOf(column: Shown): string | undefined {
  if (typeof column === 'string' || 'blank' in column) return undefined;
  return 'figure' in column ? 'figure' : 'controls';
}

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

function HeaderCell({ column }: { column: Shown }) {
  if (typeof column === 'string') return <th scope="col">{column}</th>;
  if ('blank' in column) return <td />;
  if ('figure' in column)
    return (
      <th scope="col" class="figure">
        {column.figure}
      </th>
    );
  return (
    <th scope="col" class="controls">
      <span class="visually-hidden">{column.hidden}</span>
    </th>
  );
}

/** A column's name as a narrow screen shows it before each value; none for a column of controls or a blank one. */
function labelOf(column: Shown): string | undefined {
  if (typeof column === 'string') return column;
  return 'figure' in column ? column.figure : undefined;
}

/** What DataTable adds to each cell under a column: its name (`data-label`) and its kind's class. */
interface ColumnMarks {
  label: string | undefined;
  kind: string | undefined;
}

/** What a row renders, as host elements: its Fragments and (stateless) components unfolded. */
function unfold(children: ComponentChildren): ComponentChildren[] {
  return toChildArray(children).flatMap((child) => {
    if (!isValidElement(child)) return [child];
    if (child.type === Fragment) return unfold((child.props as { children?: ComponentChildren }).children);
    if (typeof child.type === 'function') return unfold((child.type as FunctionComponent<object>)(child.props));
    return [child];
  });
}

/**
 * A row whose every `<td>` under a named column carries that name as `data-label`, and whose every
 * cell (a row header too) its column's kind as a class; a cell spanning columns neither.
 */
function labelled(row: VNode, marks: readonly ColumnMarks[]): VNode {
  let column = 0;
  const cells = unfold((row.props as { children?: ComponentChildren }).children).map((cell) => {
    if (!isValidElement(cell)) return cell;
    const props = cell.props as { colSpan?: number; class?: string };
    const span = Number(props.colSpan ?? 1);
    const { label, kind } = (span === 1 && marks[column]) || { label: undefined, kind: undefined };
    column += span;
    const added = {
      ...(cell.type === 'td' && label && { 'data-label': label }),
      ...(kind && { class: [props.class, kind].filter(Boolean).join(' ') }),
    };
    return Object.keys(added).length > 0 ? cloneElement(cell, added) : cell;
  });
  return cloneElement(row, {}, ...cells);
}

/** Rows (`<tr>`s, in Fragments or components too), each labelled. */
function labelledRows(rows: ComponentChildren, marks: readonly ColumnMarks[]): ComponentChildren[] {
  return unfold(rows).map((tr) => (isValidElement(tr) && tr.type === 'tr' ? labelled(tr, marks) : tr));
}

/**
 * A table as every page shows one: its caption, column headers with `scope`, the rows, and what
 * to show when there are none. A table wider than its column scrolls inside its own region, which a
 * keyboard can focus to scroll it; on a phone, a `data` table shows each row as a card, every value
 * after its column's name (the cells' `data-label`, shown by the stylesheet).
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
  const shown = columns.filter((column): column is Shown => column !== false && column !== undefined);
  const marks = shown.map((column) => ({ label: labelOf(column), kind: kindOf(column) }));
  return (
    <section class="table-scroll" aria-label={caption} tabIndex={0}>
      <table class={className} data-testid={testId}>
        <caption class={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((column, i) => (
              <HeaderCell key={i} column={column} />
            ))}
          </tr>
        </thead>
        <tbody>
          {labelledRows(
            rows.map((item, index) => row(item, index)),
            marks,
          )}
        </tbody>
        {foot !== undefined && <tfoot>{labelledRows(foot, marks)}</tfoot>}
      </table>
    </section>
  );
}
