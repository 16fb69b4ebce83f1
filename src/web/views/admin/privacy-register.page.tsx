import { DataTable } from '../data-table.js';
import type { AdminUi } from './admin-ui.js';
import { AdminLayout } from './admin-layout.js';
import type { RegisterCell, RegisterDocument } from './privacy-register.js';

function Cell({ cell }: { cell: RegisterCell }) {
  if (cell.length === 1) return <>{cell[0]}</>;
  return (
    <ul class="plain-list">
      {cell.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** The register of processing activities for the platform's admins, with its download. */
export function PrivacyRegisterPage({ ui, document, downloadUrl }: { ui: AdminUi; document: RegisterDocument; downloadUrl: string }) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={document.title}>
      <h1>{document.title}</h1>
      <p>{document.intro}</p>
      <p>
        <a class="button" href={downloadUrl} download data-testid="register-download">
          {t('privacy.register.download')}
        </a>{' '}
        <a href="/privacy">{t('privacy.register.statement_link')}</a>
      </p>
      {document.sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {section.table && (
            <DataTable
              caption={section.heading}
              testId={section.table.testId}
              columns={section.table.columns}
              rows={section.table.rows}
              row={(row) => (
                <tr key={row.testId} data-testid={row.testId}>
                  <th scope="row">
                    <Cell cell={row.cells[0] ?? []} />
                  </th>
                  {row.cells.slice(1).map((cell, index) => (
                    <td key={index}>
                      <Cell cell={cell} />
                    </td>
                  ))}
                </tr>
              )}
            />
          )}
          {section.items && (
            <ul>
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </AdminLayout>
  );
}
