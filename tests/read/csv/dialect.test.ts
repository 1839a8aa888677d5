import { describe, expect, it } from 'vitest';
import { detectDialect, parseSepLine, sniffDelimiter } from '../../../src/read/csv/dialect.js';
import { openCsv, readCsvText } from '../../../src/read/csv/index.js';
import { fixtureDir, lined } from './helpers.js';

const write = fixtureDir();

describe('Excel sep= line', () => {
  it('recognises the forms Excel and other tools write', () => {
    expect(parseSepLine('sep=;')).toBe(';');
    expect(parseSepLine('sep=,')).toBe(',');
    expect(parseSepLine('sep=\t')).toBe('\t');
    expect(parseSepLine('sep=\\t')).toBe('\t');
    expect(parseSepLine('sep=|')).toBe('|');
    expect(parseSepLine('SEP=;')).toBe(';');
    expect(parseSepLine('"sep=;"')).toBe(';');
    expect(parseSepLine('sep=;;;; ')).toBe(';');
    expect(parseSepLine('sep=:')).toBeUndefined();
    expect(parseSepLine('sep=;x')).toBeUndefined();
    expect(parseSepLine('separator,value')).toBeUndefined();
    expect(parseSepLine('Site;sep=;')).toBeUndefined();
  });

  it('honours sep=; and skips that line, which still counts as line 1', async () => {
    const path = write('sep.csv', 'sep=;\r\nMeter;Date;kWh\r\nM1;01/04/2024;12,5\r\nM2;02/04/2024;"1.234,5"\r\n');
    const f = await openCsv(path);
    expect([f.delimiter, f.delimiterSource, f.headerLine]).toEqual([';', 'sep_line', 2]);
    expect(f.header).toEqual(['Meter', 'Date', 'kWh']);
    expect(await lined(f)).toEqual([
      [3, 'M1', '01/04/2024', '12,5'],
      [4, 'M2', '02/04/2024', '1.234,5'],
    ]);
  });

  it('lets a sep= line overrule what sniffing would pick, and sits after a BOM', async () => {
    // Every line splits into 3 on ";" but the sep line says ",".
    const f = await readCsvText('\uFEFFsep=,\nname;x,value;y\na;b,1;c\n');
    expect([f.delimiter, f.delimiterSource]).toEqual([',', 'sep_line']);
    expect(f.header).toEqual(['name;x', 'value;y']);
    expect(await lined(f)).toEqual([[3, 'a;b', '1;c']]);
  });

  it('honours sep=| and a tab sep line', async () => {
    expect((await readCsvText('sep=|\na|b\n1|2\n')).delimiter).toBe('|');
    const tab = await readCsvText('sep=\t\na\tb\n1\t2\n');
    expect([tab.delimiter, tab.headerLine, tab.header]).toEqual(['\t', 2, ['a', 'b']]);
  });

  it('still skips the sep= line when the caller forces the delimiter', async () => {
    const f = await readCsvText('sep=;\na;b\n1;2\n', { delimiter: ';' });
    expect([f.delimiterSource, f.headerLine]).toEqual(['forced', 2]);
    expect(await lined(f)).toEqual([[3, '1', '2']]);
  });
});

describe('delimiter sniffing', () => {
  it.each([
    [',', 'Site,Address,kWh\nLeeds,"1 Park Row; Leeds",1200\nYork,"2 High St; York",800\nHull,Dock St,90\n'],
    [';', 'Site;Date;kWh\nLeeds;01/04/2024;1,5\nYork;01/04/2024;2,25\nHull;01/04/2024;3\n'],
    ['\t', 'Site\tNote\tkWh\nLeeds\tgas, oil; coal\t1,200\nYork\ta,b,c\t800\n'],
    ['|', 'Site|Description|Cost\nLeeds|Gas, standing charge; VAT|£1,200.00\nYork|Electricity, day rate|£800.00\n'],
  ])('picks %j', async (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
    const f = await readCsvText(text);
    expect([f.delimiter, f.delimiterSource]).toEqual([delimiter, 'sniffed']);
    const rows = await lined(f);
    expect(rows[0]).toHaveLength(4);
    expect(rows.every((r) => r.length === 4)).toBe(true);
  });

  it('does not count delimiters inside quoted fields', () => {
    // Read naively, every line has two commas (three fields) and only one semicolon.
    const text = '"Name, full";"Value, kWh"\n"Smith, J";"1,5"\n"Jones, K";"2,5"\n"Brown, L";"3,5"\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('prefers the most consistent count over the largest', () => {
    // Decimal commas split half the lines into 4 fields; semicolons split every line into 3.
    expect(sniffDelimiter('a;b;c\n1,5;2,5;3,5\n1,5;2,5;3,5\n4;5;6\n')).toBe(';');
  });

  it('looks past a preamble and blank lines', () => {
    const text = 'Half Hourly Data Report\n\nGenerated: 01/04/2024 10:00\n\nMPAN|Date|00:30|01:00\n1|01/04/2024|1.5|2\n2|01/04/2024|1.6|2.1\n';
    expect(sniffDelimiter(text)).toBe('|');
  });

  it('uses the caller forced delimiter instead', async () => {
    const f = await readCsvText('a,b;c\n1,2;3\n', { delimiter: ';' });
    expect([f.delimiter, f.delimiterSource, f.header]).toEqual([';', 'forced', ['a,b', 'c']]);
  });

  it('falls back to a comma for a one-column file, whole lines as cells', async () => {
    expect(detectDialect('Meter reference\nA 1\nB 2\n')).toEqual({ delimiter: ',', source: 'default', sepLine: false });
    const f = await readCsvText('Meter reference\nA 1\nB 2\n');
    expect(await lined(f)).toEqual([
      [2, 'A 1'],
      [3, 'B 2'],
    ]);
  });

  it('rejects a delimiter it does not read, as a UserError', async () => {
    await expect(readCsvText('a:b\n', { delimiter: ':' as ',' })).rejects.toMatchObject({ code: 'bad_delimiter' });
  });
});
