import { describe, expect, it } from 'vitest';
import { openCsv, readCsvBytes, readCsvText } from '../../../src/read/csv/index.js';
import { readRows, RecordSplitter } from '../../../src/read/csv/reader.js';
import type { CsvRow, CsvWarning } from '../../../src/read/csv/types.js';
import { allRows, fixtureDir, lined, userError } from './helpers.js';

const write = fixtureDir();

/** Physical lines 1–11: header, a blank line, records spanning lines 4–5 and 9–11, a white-space line, quotes. */
const LINES = ['id,note,amount', '1,plain,10', '', '2,"multi', 'line",20', '   ', '3,"say ""hi""",30', '4,"a,b",40', '5,"x', '', 'y",50'];
const EXPECTED = [
  [2, '1', 'plain', '10'],
  [4, '2', 'multi\nline', '20'],
  [7, '3', 'say "hi"', '30'],
  [8, '4', 'a,b', '40'],
  [9, '5', 'x\n\ny', '50'],
];

describe('line endings and line numbers', () => {
  it.each([
    ['LF', ['\n']],
    ['CRLF', ['\r\n']],
    ['CR only', ['\r']],
    ['mixed', ['\r\n', '\n', '\r', '\r\n', '\r', '\n', '\n', '\r\n', '\r', '\r\n']],
  ])('%s: rows start on their exact physical lines', async (_name, endings) => {
    const text = LINES.map((l, i) => l + endings[i % endings.length]!).join('');
    const f = await openCsv(write('endings.csv', text));
    expect(f.headerLine).toBe(1);
    expect(f.header).toEqual(['id', 'note', 'amount']);
    expect(await lined(f)).toEqual(EXPECTED);
  });

  it('keeps counting across many records with quoted newlines', async () => {
    const records = Array.from({ length: 500 }, (_, i) => `${i},"first\r\nsecond\nthird",${i % 7 === 0 ? '\r\n' : '\n'}`).join('');
    const f = await readCsvText(`n,text,extra\n${records}last,row,here`);
    const rows = await allRows(f);
    expect(rows).toHaveLength(501);
    // Each record is three physical lines whether it ends in CRLF or LF.
    expect(rows.slice(0, 500).map((r) => r.line)).toEqual(Array.from({ length: 500 }, (_, i) => 2 + 3 * i));
    // 500 records of 3 lines each follow line 1, so the unterminated last line is 1,502.
    expect(rows.at(-1)).toEqual({ line: 1502, cells: ['last', 'row', 'here'] });
    expect(rows[1]!.cells).toEqual(['1', 'first\nsecond\nthird', '']);
  });

  it('is exact when a CRLF and a quoted field are split across the 64 KiB read boundary', async () => {
    const head = 'a,b\r\n';
    // Line 2 ends so that its CR is byte 65535 and its LF byte 65536.
    const line2 = `x,${'y'.repeat(65535 - head.length - 2)}`;
    const text = `${head}${line2}\r\nq,"one\r\ntwo"\r\nz,1\r\n`;
    expect(Buffer.from(text).subarray(65535, 65537).toString()).toBe('\r\n');
    const f = await openCsv(write('boundary.csv', text));
    expect((await allRows(f)).map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'x'],
      [3, 'q'],
      [5, 'z'],
    ]);

    // A quoted field that opens before the boundary and closes after it.
    const pad = 'p'.repeat(65536 - 20);
    const spanning = `a,b\n${pad},"open\n${'w'.repeat(40)}\nclosed"\nafter,1\n`;
    const g = await openCsv(write('spanning.csv', spanning));
    const rows = await allRows(g);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]!.cells[1]).toBe(`open\n${'w'.repeat(40)}\nclosed`);
  });
});

describe('fields', () => {
  it('handles quoted delimiters, doubled quotes and embedded newlines', async () => {
    const f = await readCsvText('a;b;c\n"x;y";"he said ""no""";"1\r\n2"\n"";plain;""""\n');
    expect(await lined(f)).toEqual([
      [2, 'x;y', 'he said "no"', '1\n2'],
      [4, '', 'plain', '"'],
    ]);
  });

  it('keeps trailing empty columns and short rows as written', async () => {
    const f = await readCsvText('Site,kWh,,\nLeeds,10,,\nYork,20\nHull,,,\n');
    expect(f.header).toEqual(['Site', 'kWh', '', '']);
    expect(await lined(f)).toEqual([
      [2, 'Leeds', '10', '', ''],
      [3, 'York', '20'],
      [4, 'Hull', '', '', ''],
    ]);
  });

  it('skips blank lines, white-space lines and rows of empty fields, counting them as lines', async () => {
    const f = await readCsvText('a,b\n\n1,2\n  \t \n,,\n , \n"",""\n3,4\n\n\n');
    expect(await lined(f)).toEqual([
      [3, '1', '2'],
      [8, '3', '4'],
    ]);
  });

  it('reads a last line with no line ending, and cells keep their spaces', async () => {
    const f = await readCsvText('a,b\n 1 , two');
    expect(await lined(f)).toEqual([[2, ' 1 ', ' two']]);
  });

  it('warns about bare quotes inside a quoted field and reads the field as written', async () => {
    const f = await readCsvText('a,b\n1,2\n"He said "hi" twice",3\n4,5\n');
    const rows = await lined(f);
    expect(rows.map((r) => r[0])).toEqual([2, 3, 4]);
    expect(rows[1]).toEqual([3, 'He said "hi" twice', '3']);
    expect(f.warnings.map((w) => [w.code, w.line])).toEqual([['invalid_quotes', 3]]);
    expect(f.warnings[0]!.message).toMatch(/line 3 has a quote inside a quoted field that is not doubled/);
  });

  it('rejects a quote that is never closed, naming the line it opens on', async () => {
    const e = await userError(readCsvText('a,b\n1,2\r\n3,"oops\n4,5\n6,7\n', { name: 'fleet.csv' }));
    expect(e.code).toBe('unterminated_quote');
    expect(e.message).toMatch(/^fleet\.csv: the quoted field that starts on line 3 is never closed/);
    expect(e.details).toEqual({ file: 'fleet.csv', line: 3 });
  });

  it('rejects an unclosed quote deep in a big file before it fills memory', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},ok\n`).join('');
    const text = `a,b\n${rows}5000,"stray\n${'z,z\n'.repeat(400_000)}`;
    const e = await userError(readCsvBytes(Buffer.from(text), { batchSize: 100 }).then(allRows));
    expect(e.code).toBe('unterminated_quote');
    expect(e.details).toMatchObject({ line: 5002 });
  });
});

describe('RecordSplitter', () => {
  it('hands out whole records only, whatever the chunking', () => {
    const text = 'a,"b\r\nc",d\r\ne,f\rg,"h""\ni"\n';
    const pieces = (sizes: number): string[] => {
      const out: string[] = [];
      for (let i = 0; i < text.length; i += sizes) out.push(text.slice(i, i + sizes));
      return out;
    };
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const splitter = new RecordSplitter(',', 't');
      const segments = pieces(size).flatMap((p) => splitter.push(p) ?? []);
      const last = splitter.finish();
      if (last) segments.push(last);
      expect(segments.map((s) => s.text).join(''), `chunks of ${size}`).toBe('a,"b\nc",d\ne,f\ng,"h""\ni"\n');
      // Each segment is whole records (never cut inside quotes) and its line is what the text before it implies.
      let line = 1;
      for (const s of segments) {
        expect(s.text.split('"').length % 2, `quotes balanced in ${JSON.stringify(s.text)}`).toBe(1);
        expect(s.text.endsWith('\n')).toBe(true);
        expect(s.line).toBe(line);
        line += s.text.split('\n').length - 1;
      }
    }
  });

  it('refuses a record longer than the limit', () => {
    const splitter = new RecordSplitter(',', 'big.csv', 100);
    expect(splitter.push('a,b\nc,d\n')?.text).toBe('a,b\nc,d\n');
    expect(() => splitter.push('x'.repeat(150))).toThrow(/record that starts on line 3 is over 100 characters/);
  });
});

describe('batches', () => {
  it('yields batches no larger than batchSize, in order, re-readable', async () => {
    const text = `n,sq\n${Array.from({ length: 95 }, (_, i) => `${i},${i * i}\n`).join('')}`;
    const f = await readCsvText(text, { batchSize: 7 });
    const sizes: number[] = [];
    const seen: number[] = [];
    for await (const batch of f.batches()) {
      sizes.push(batch.length);
      seen.push(...batch.map((r) => Number(r.cells[0])));
    }
    expect(sizes.every((s) => s >= 1 && s <= 7)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(95);
    expect(seen).toEqual(Array.from({ length: 95 }, (_, i) => i));
    expect(await allRows(f)).toHaveLength(95);
  });

  it('does not repeat warnings when the file is read twice', async () => {
    const f = await readCsvText('a,b\n1,2\n"x "y" z",3\n');
    await allRows(f);
    await allRows(f);
    expect(f.warnings).toHaveLength(1);
  });

  it('streams a 200,000-row file in bounded batches with exact lines', async () => {
    const parts = ['sep=,\r\n', 'Report: fleet fuel\r\n', '\r\n', 'Reg,Date,Litres,Note\r\n'];
    for (let i = 0; i < 200_000; i++) {
      // Every 1,000th row has a quoted newline, so each adds a physical line.
      const note = i % 1000 === 999 ? '"topped up,\r\nreceipt lost"' : 'ok';
      parts.push(`AB${String(i).padStart(6, '0')},2024-04-01,${(i % 97) + 0.5},${note}\r\n`);
      if (i % 50_000 === 0) parts.push('\r\n');
    }
    const path = write('big.csv', parts.join(''));
    const f = await openCsv(path, { expectedHeaders: ['reg', 'litres'] });
    expect([f.headerLine, f.delimiterSource]).toEqual([4, 'sep_line']);
    let count = 0;
    let batches = 0;
    let last: CsvRow | undefined;
    let previousLine = 0;
    for await (const batch of f.batches()) {
      batches++;
      expect(batch.length).toBeLessThanOrEqual(10_000);
      expect(batch[0]!.line).toBeGreaterThan(previousLine);
      previousLine = batch.at(-1)!.line;
      count += batch.length;
      last = batch.at(-1);
    }
    expect(count).toBe(200_000);
    expect(batches).toBeGreaterThanOrEqual(20);
    // Data starts on line 5; before the last row are 199,999 rows, 199 of them two lines long, and 4 blank lines.
    expect(last).toEqual({ line: 5 + 199_999 + 199 + 4, cells: ['AB199999', '2024-04-01', String((199_999 % 97) + 0.5), 'topped up,\nreceipt lost'] });
    expect(f.warnings).toEqual([]);
  });
});

describe('readRows', () => {
  it('reports invalid UTF-8 on the line it is on, after earlier quoted newlines', async () => {
    const warnings: CsvWarning[] = [];
    const chunks = [{ text: 'a,"b\r\nc"\r\n' }, { text: 'd\r', invalidAt: 0 }, { text: '\ne,\uFFFD\n', invalidAt: 3 }];
    const out: CsvRow[] = [];
    for await (const batch of readRows(chunks, { delimiter: ',', skipFirstLine: false, batchSize: 10, name: 't', warn: (w) => warnings.push(w) })) out.push(...batch);
    expect(out).toEqual([
      { line: 1, cells: ['a', 'b\nc'] },
      { line: 3, cells: ['d'] },
      { line: 4, cells: ['e', '\uFFFD'] },
    ]);
    expect(warnings.map((w) => w.line)).toEqual([3, 4]);
  });
});
