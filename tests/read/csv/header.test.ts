import { describe, expect, it } from 'vitest';
import { duplicateNames, findHeaderRow, looksNumeric } from '../../../src/read/csv/header.js';
import { openCsv, readCsvText } from '../../../src/read/csv/index.js';
import type { CsvRow } from '../../../src/read/csv/types.js';
import { fixtureDir, lined, userError } from './helpers.js';

const write = fixtureDir();

/** Rows as the reader gives them: one per line from `first`, blank lines already left out. */
function rows(...cells: string[][]): CsvRow[] {
  return cells.map((c, i) => ({ line: i + 1, cells: c }));
}

const HH_DATA = Array.from({ length: 10 }, (_, i) => [`12000000000${i}`, '01/04/2024', '1.5', '2.25', '0.75']);

describe('findHeaderRow by shape', () => {
  it('skips a title and a Generated: line to the half-hourly header, whose times are names', () => {
    const guess = findHeaderRow(rows(['Half Hourly Data Report'], ['Generated: 01/04/2024'], ['MPAN', 'Date', '00:30', '01:00', '01:30'], ...HH_DATA));
    expect(guess).toMatchObject({ index: 2, line: 3, names: ['MPAN', 'Date', '00:30', '01:00', '01:30'], reason: 'shape', matched: 0 });
  });

  it('is not fooled by preamble rows Excel padded to the data width', () => {
    const guess = findHeaderRow(rows(['Half Hourly Data Report', '', '', '', ''], ['Generated:', '01/04/2024', '', '', ''], ['Site', 'Leeds General', '', '', ''], ['MPAN', 'Date', '00:30', '01:00', '01:30'], ...HH_DATA));
    expect(guess?.index).toBe(3);
  });

  it('takes the first row as wide as the data when the rows below are text too', () => {
    const guess = findHeaderRow(rows(['Travel claims'], ['Name', 'Department', 'Mode'], ['Smith', 'Finance', 'Car'], ['Jones', 'Estates', 'Train']));
    expect(guess?.line).toBe(2);
  });

  it('accepts a header wider than data rows that drop trailing empty fields', () => {
    const guess = findHeaderRow(rows(['Fuel card export'], ['Reg', 'Litres', 'Cost', 'Note'], ['AB12', '40', '60.10'], ['CD34', '35', '52.00'], ['EF56', '41', '61.00', 'late']));
    expect(guess).toMatchObject({ line: 2, reason: 'shape' });
  });

  it('falls back to the first row when nothing looks like a header', () => {
    const guess = findHeaderRow(rows(['1', '2'], ['3', '4'], ['5', '6']));
    expect(guess).toMatchObject({ index: 0, reason: 'first_row' });
    expect(findHeaderRow([])).toBeUndefined();
  });

  it('treats money, decimals, percentages and Excel exponents as numbers, times and words as text', () => {
    for (const n of ['12', '-3.5', '1,234.50', '£1,200.00', '(45.00)', '12%', '1.23E+12', '.5']) expect(looksNumeric(n), n).toBe(true);
    for (const t of ['00:30', 'kWh', 'Date', '2024-04-01', '', 'N/A']) expect(looksNumeric(t), t).toBe(false);
  });
});

describe('findHeaderRow by expected names', () => {
  it('picks the row holding the most expected names, trimmed and case-insensitive', () => {
    const guess = findHeaderRow(rows(['Site', 'Leeds'], ['Report', 'Gas'], [' SITE ', 'Meter  Ref', 'kWh', 'Date'], ['Leeds', 'G1', '10', '2024-04-01']), ['site', 'meter ref', 'KWH']);
    expect(guess).toMatchObject({ index: 2, reason: 'expected', matched: 3, names: ['SITE', 'Meter  Ref', 'kWh', 'Date'] });
  });

  it('takes the first of equally good rows, within the first 30', () => {
    const preamble = Array.from({ length: 30 }, (_, i) => [`note ${i}`]);
    expect(findHeaderRow(rows(['a', 'kwh'], ['kWh', 'b'], ['x', 'y']), ['kwh'])?.index).toBe(0);
    // A match on row 31 is beyond the search: nothing matches, so shape decides.
    const late = findHeaderRow(rows(...preamble, ['kwh', 'site'], ['1', '2']), ['kwh', 'site']);
    expect(late?.reason).not.toBe('expected');
  });

  it('falls back to shape when no row names any of them', () => {
    expect(findHeaderRow(rows(['Title'], ['a', 'b'], ['1', '2']), ['reg'])).toMatchObject({ line: 2, reason: 'shape', matched: 0 });
  });
});

describe('duplicate header names', () => {
  it('are returned once each, as first written; empty names are not duplicates', () => {
    expect(duplicateNames(['Date', 'kWh', 'date ', '', '', 'KWH', 'Cost', 'DATE'])).toEqual(['Date', 'kWh']);
  });

  it('are allowed by openCsv but flagged', async () => {
    const f = await readCsvText('Date,kWh,Date,,\n2024-04-01,1,x,,\n');
    expect(f.header).toEqual(['Date', 'kWh', 'Date', '', '']);
    expect(f.duplicateHeaders).toEqual(['Date']);
    expect(f.warnings).toEqual([{ code: 'duplicate_header', line: 1, message: 'the header on line 1 names more than one column "Date"' }]);
    expect(await lined(f)).toEqual([[2, '2024-04-01', '1', 'x', '', '']]);
  });
});

describe('openCsv and the header', () => {
  const REPORT = 'Half Hourly Data Report\r\nGenerated: 01/04/2024 09:15\r\n\r\n"MPAN","Date","00:30","01:00"\r\n1200000000001,01/04/2024,1.5,2\r\n\r\n1200000000002,01/04/2024,1.6,"2,1"\r\n';

  it('finds the header below a preamble and blank line; data lines are exact', async () => {
    const f = await openCsv(write('hh.csv', REPORT));
    expect([f.headerLine, f.headerReason, f.header]).toEqual([4, 'shape', ['MPAN', 'Date', '00:30', '01:00']]);
    expect(await lined(f)).toEqual([
      [5, '1200000000001', '01/04/2024', '1.5', '2'],
      [7, '1200000000002', '01/04/2024', '1.6', '2,1'],
    ]);
    expect(f.warnings).toEqual([]);
  });

  it('uses expected headers when given', async () => {
    const f = await readCsvText('Site,Leeds\nMeter,kWh\nM1,10\n', { expectedHeaders: ['meter', 'kwh'] });
    expect([f.headerLine, f.headerReason]).toEqual([2, 'expected']);
    expect(await lined(f)).toEqual([[3, 'M1', '10']]);
  });

  it('uses a forced header line, counting physical lines', async () => {
    const f = await openCsv(write('hh.csv', REPORT), { headerLine: 2 });
    expect([f.headerLine, f.headerReason, f.header]).toEqual([2, 'forced', ['Generated: 01/04/2024 09:15']]);
    expect((await lined(f)).map((r) => r[0])).toEqual([4, 5, 7]);
  });

  it('refuses a forced header line that is blank, inside a record or past the end', async () => {
    const path = write('hh.csv', REPORT);
    expect((await userError(openCsv(path, { headerLine: 3 }))).message).toMatch(/Line 3 of .* is not the start of a row/);
    expect((await userError(readCsvText('a,b\n"x\ny",1\n', { headerLine: 3 }))).code).toBe('bad_header_line');
    const past = await userError(openCsv(path, { headerLine: 99 }));
    expect([past.code, past.message]).toEqual(['bad_header_line', `${path} has no row on line 99: its last row starts on line 7.`]);
    expect((await userError(readCsvText('a\n', { headerLine: 0 }))).code).toBe('bad_header_line');
    expect((await userError(readCsvText('sep=;\na;b\n', { headerLine: 1 }))).message).toMatch(/line 1 .* is not the start of a row: it is Excel's "sep=" line/i);
  });

  it('warns when it had to guess the first row', async () => {
    const f = await readCsvText('1,2\n3,4\n');
    expect(f.headerReason).toBe('first_row');
    expect(f.warnings.map((w) => [w.code, w.line])).toEqual([['header_guessed', 1]]);
  });
});

describe('findHeaderRow: question ids over question texts', () => {
  const ids = ['StartDate', 'ResponseId', 'Q1', 'Q2', 'Q2_7_TEXT', 'Q3'];
  const texts = ['Start Date', 'Response ID', 'Where do you work?', 'How do you usually get to work? - Selected Choice', 'How do you usually get to work? - Other - Text', 'How far is it, one way?'];
  const importIds = ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID2_7_TEXT"}', '{"ImportId":"QID3"}'];
  const answers = [['2025-03-10 08:00:00', 'R_1', 'Main Hospital', 'Bus', '', '4'], ['2025-03-11 08:00:00', 'R_2', 'Main Hospital', 'Car (on my own)', '', '12']];

  it('takes the row of question texts under a row of Qualtrics ids, by shape', () => {
    expect(findHeaderRow(rows(ids, texts, importIds, ...answers))).toMatchObject({ index: 1, line: 2, reason: 'shape', names: texts });
  });

  it('takes it too when both rows hold as many expected names', () => {
    expect(findHeaderRow(rows(ids, texts, importIds, ...answers), ['ResponseId', 'Response ID'])).toMatchObject({ index: 1, reason: 'expected', matched: 1 });
  });

  it('keeps a header of ids when what is under it are answers, which repeat down the column', () => {
    // Long enough to pass for question texts, but a question is not asked twice.
    const wordy = (id: string) => ['2025-03-12 08:00:00', id, 'The Main Hospital, Ward 7', 'Car share - driver', '', 'about 9 miles each way'];
    expect(findHeaderRow(rows(ids, wordy('R_3'), ...answers, wordy('R_4')))?.index).toBe(0);
  });

  it('keeps a header of quarters over figures', () => {
    expect(findHeaderRow(rows(['Site', 'Q1', 'Q2', 'Q3', 'Q4'], ['Main Hospital', '120', '98', '101', '130'], ['Community Hub', '40', '38', '35', '44']))?.index).toBe(0);
  });
});
