/**
 * Importing pharmacy issues of anaesthetic gases and inhalers (a stock system's or EPMA export, a
 * theatre gases return): each row becomes the kilograms of agent or propellant it releases,
 * priced by its global warming potential (see `factors/gwp.ts`), or, for a dry-powder inhaler, the
 * inhalers, priced by a custom factor the organisation supplies. Read by its own layout, by the
 * meaning of its headers, rather than through a profile.
 *
 * The same file twice is a no-op. Rows carry no meter, so no overlap with other files is judged:
 * two exports covering the same issues (the stock system's and the theatres' own) would both
 * count, and the person importing chooses one.
 */

import { UserError } from '../kernel/errors.js';
import { clinicalColumns, type ClinicalColumns, type ClinicalField } from '../map/clinical/columns.js';
import { clinicalMsg, DPI_KEY } from '../map/clinical/messages.js';
import { clinicalRow } from '../map/clinical/rows.js';
import { GWP_REPORT } from '../factors/gwp.js';
import { openCsv } from '../read/csv/index.js';
import type { Ledger } from '../store/ledger.js';
import { completeImport } from './complete.js';
import { dateParserFor, identifyForImport, type ReadFile } from './open.js';
import { readAllRows } from './read-rows.js';
import type { ImportRequest } from './request.js';
import { ImportSession } from './session.js';
import type { ImportSummary } from './summary.js';

export interface ClinicalImportSummary extends ImportSummary {
  readonly clinical?: {
    /** Which header each field was read from. */
    readonly columns: readonly { readonly field: ClinicalField; readonly header: string }[];
    /** The GWPs every figure is priced with: report, table, horizon. */
    readonly gwp: string;
    /** Whether dry-powder inhalers could be counted (a custom factor for `inhaler.dry_powder` was loaded). */
    readonly dpiFactor: boolean;
  };
}

/** Header names that mark the header row, for finding it below a title row. */
const EXPECTED_HEADERS = ['Product', 'Description', 'Drug', 'Quantity', 'Qty issued', 'Pack size', 'Date', 'Month', 'Ward', 'Site', 'Theatre', 'Propellant', 'Propellant (g)'];

const FIELD_WORDS: Readonly<Record<'product' | 'quantity' | 'when', string>> = { product: 'the product', quantity: 'the quantity issued', when: 'the date or month' };

export async function importClinical(ledger: Ledger, req: ImportRequest): Promise<ClinicalImportSummary> {
  const file = await identifyForImport(ledger, req);
  if ('status' in file) return file;
  const { fileName, identity } = file;
  const csv = await openCsv(req.path, { expectedHeaders: EXPECTED_HEADERS });
  const columns = clinicalColumns(csv.header);
  requireColumns(fileName, columns);
  const opened: ReadFile = { fileName, identity, csv, profile: { id: 'clinical-issues' } };
  const session = new ImportSession();
  const hasDpiFactor = req.library.key(DPI_KEY) !== undefined;
  const ctx = {
    file: fileName, columns, hasDpiFactor,
    // UK exports put the day first; ISO dates and named months are read too (see `dateParserFor`).
    parseDate: dateParserFor('dd/MM/yyyy'),
    siteOf: siteMatcher(req.org.sites),
  };
  await readAllRows(opened, req, (line, cells) => {
    const r = clinicalRow(ctx, line, cells);
    if ('problems' in r) session.reject(line, cells, r.problems);
    else if (r.drafts.length > 0) session.rows.push([...r.drafts]);
  }, session);
  const summary = await completeImport(ledger, req, opened, 'clinical', session);
  return {
    ...summary,
    clinical: {
      columns: (Object.entries(columns) as [ClinicalField, { header: string }][]).map(([field, col]) => ({ field, header: col.header })),
      gwp: `${clinicalMsg.gwpBasis} (${GWP_REPORT.report})`,
      dpiFactor: hasDpiFactor,
    },
  };
}

function requireColumns(fileName: string, columns: ClinicalColumns): void {
  const missing: string[] = [];
  if (columns.product === undefined) missing.push(FIELD_WORDS.product);
  if (columns.quantity === undefined) missing.push(FIELD_WORDS.quantity);
  if (columns.date === undefined && columns.month === undefined) missing.push(FIELD_WORDS.when);
  if (missing.length > 0) throw new UserError('not_clinical', clinicalMsg.notClinical(fileName, missing), clinicalMsg.notClinicalHint);
}

/** The configured site a site, ward or theatre cell names (its id or name, case and spacing aside), else null. */
function siteMatcher(sites: ImportRequest['org']['sites']): (text: string) => string | null {
  const key = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const byKey = new Map<string, string>();
  for (const s of sites) {
    byKey.set(key(s.id), s.name);
    byKey.set(key(s.name), s.name);
  }
  return (text) => byKey.get(key(text)) ?? null;
}
