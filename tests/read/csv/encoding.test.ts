import { describe, expect, it } from 'vitest';
import { decodeChunks, detectEncoding, firstInvalidUtf8 } from '../../../src/read/csv/encoding.js';
import { openCsv, readCsvBytes } from '../../../src/read/csv/index.js';
import { allRows, cp1252, fixtureDir, lined, utf16be, utf16le } from './helpers.js';

const write = fixtureDir();
const TEXT = 'Site,Cost,Note\r\nLeeds,£12.50,café\r\nYork,€3,naïve\r\n';
const EXPECTED = [
  [2, 'Leeds', '£12.50', 'café'],
  [3, 'York', '€3', 'naïve'],
];

describe('encoding', () => {
  it('reads UTF-8 with a BOM, the BOM not stuck to the first header name', async () => {
    const f = await openCsv(write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])));
    expect([f.encoding, f.encodingEvidence]).toEqual(['utf-8', 'bom']);
    expect(f.header).toEqual(['Site', 'Cost', 'Note']);
    expect(f.header[0]!.charCodeAt(0)).toBe('S'.charCodeAt(0));
    expect(await lined(f)).toEqual(EXPECTED);
  });

  it('reads UTF-8 without a BOM when the bytes are valid UTF-8', async () => {
    const f = await openCsv(write('utf8.csv', Buffer.from(TEXT, 'utf8')));
    expect([f.encoding, f.encodingEvidence]).toEqual(['utf-8', 'valid_utf8']);
    expect(f.header[0]).toBe('Site');
    expect(await lined(f)).toEqual(EXPECTED);
    expect(f.warnings).toEqual([]);
  });

  it('reads Windows-1252 when the bytes are not UTF-8: £ is the byte 0xA3, € is 0x80', async () => {
    const bytes = cp1252('Site,Cost\nLeeds,£12.50\nYork,€3\nNîmes,é\n'.replace('î', 'i'));
    expect(bytes.includes(0xa3)).toBe(true);
    const f = await openCsv(write('ansi.csv', bytes));
    expect([f.encoding, f.encodingEvidence]).toEqual(['windows-1252', 'invalid_utf8']);
    expect(await lined(f)).toEqual([
      [2, 'Leeds', '£12.50'],
      [3, 'York', '€3'],
      [4, 'Nimes', 'é'],
    ]);
    expect(f.warnings).toEqual([]);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode Text"), tab-delimited', async () => {
    const f = await openCsv(write('u16le.txt', utf16le('Site\tCost\r\nLeeds\t£12.50\r\nZürich\t𝄞 1\r\n')));
    expect([f.encoding, f.encodingEvidence, f.delimiter]).toEqual(['utf-16le', 'bom', '\t']);
    expect(f.header).toEqual(['Site', 'Cost']);
    expect(await lined(f)).toEqual([
      [2, 'Leeds', '£12.50'],
      [3, 'Zürich', '𝄞 1'],
    ]);
  });

  it('reads UTF-16BE with a BOM', async () => {
    const f = await openCsv(write('u16be.csv', utf16be(TEXT)));
    expect([f.encoding, f.encodingEvidence]).toEqual(['utf-16be', 'bom']);
    expect(f.header).toEqual(['Site', 'Cost', 'Note']);
    expect(await lined(f)).toEqual(EXPECTED);
  });

  it('recognises UTF-16 without a BOM by its NUL pattern (bcp -w) rather than calling it binary', async () => {
    const le = await openCsv(write('u16le-nobom.csv', utf16le(TEXT, false)));
    expect([le.encoding, le.encodingEvidence, le.header[0]]).toEqual(['utf-16le', 'utf16_nul_pattern', 'Site']);
    expect(await lined(le)).toEqual(EXPECTED);
    const be = await openCsv(write('u16be-nobom.csv', utf16be(TEXT, false)));
    expect([be.encoding, be.header[0]]).toEqual(['utf-16be', 'Site']);
    expect(await lined(be)).toEqual(EXPECTED);
  });

  it('drops a doubled BOM too, so the first name is still exact', async () => {
    const f = await readCsvBytes(Buffer.from('\uFEFF\uFEFFSite,Cost\nLeeds,1\n', 'utf8'));
    expect(f.header).toEqual(['Site', 'Cost']);
  });

  it('decodes a character split across two reads (the 64 KiB boundary) without a warning', async () => {
    // Line 1 is the header; line 2 fills the first read so that "£" (C2 A3) straddles byte 65536.
    const header = 'Name,Cost\n';
    const filler = 'x'.repeat(65536 - header.length - 1 - 1) + ','; // ends at byte 65534
    const bytes = Buffer.from(`${header}${filler}£5\nlast,€\n`, 'utf8');
    expect(bytes[65535]).toBe(0xc2);
    expect(bytes[65536]).toBe(0xa3);
    const f = await openCsv(write('split.csv', bytes));
    const rows = await allRows(f);
    expect(rows.map((r) => [r.line, r.cells[1]])).toEqual([
      [2, '£5'],
      [3, '€'],
    ]);
    expect(f.warnings).toEqual([]);
  });

  it('warns with the exact line when bytes after the sample are not UTF-8, and reads on', async () => {
    // 3,000 valid rows (well over 64 KiB), then a Windows-1252 £ on line 3,003, then more rows.
    const rows = Array.from({ length: 3000 }, (_, i) => `row ${i},${'y'.repeat(30)}\r\n`).join('');
    const bytes = Buffer.concat([Buffer.from(`Name,Note\r\n${rows}"two\r\nlines",ok\r\n`, 'utf8'), cp1252('bad,£9\r\nafter,fine\r\n')]);
    const f = await openCsv(write('late-invalid.csv', bytes));
    expect(f.encoding).toBe('utf-8');
    const all = await allRows(f);
    expect(all).toHaveLength(3003);
    expect(all.at(-2)).toEqual({ line: 3004, cells: ['bad', '\uFFFD9'] });
    expect(all.at(-1)).toEqual({ line: 3005, cells: ['after', 'fine'] });
    expect(f.warnings.map((w) => [w.code, w.line])).toEqual([['invalid_utf8', 3004]]);
    expect(f.warnings[0]!.message).toMatch(/line 3004 .*not valid UTF-8/);
  });

  it('warns about a character cut off at the very end of the file', async () => {
    const f = await readCsvBytes(Buffer.concat([Buffer.from('a,b\n1,2\n3,', 'utf8'), Buffer.from([0xe2, 0x82])]));
    expect(await lined(f)).toEqual([
      [2, '1', '2'],
      [3, '3', '\uFFFD'],
    ]);
    expect(f.warnings.map((w) => [w.code, w.line])).toEqual([['invalid_utf8', 3]]);
  });
});

describe('detectEncoding', () => {
  it('gives the BOM length to skip', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3, evidence: 'bom' });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2, evidence: 'bom' });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]))).toEqual({ encoding: 'utf-16be', bomLength: 2, evidence: 'bom' });
  });

  it('judges UTF-8 validity on the first 64 KiB only', () => {
    const late = Buffer.concat([Buffer.alloc(70_000, 0x61), Buffer.from([0xa3])]);
    expect(detectEncoding(late).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x61, 0xa3, 0x62])).encoding).toBe('windows-1252');
  });
});

describe('firstInvalidUtf8', () => {
  it('finds the first byte that does not start a valid sequence', () => {
    expect(firstInvalidUtf8(Buffer.from('£€𝄞 ok', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xa3]))).toBe(1); // lone continuation byte
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xc0, 0x80]))).toBe(2); // overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1); // cut off
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});

describe('decodeChunks', () => {
  it('marks where invalid bytes were replaced within the chunk they are in', async () => {
    const chunks = [Buffer.from('ok\n', 'utf8'), Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x63])];
    const out = [];
    for await (const c of decodeChunks(chunks, 'utf-8')) out.push(c);
    expect(out).toEqual([{ text: 'ok\n' }, { text: 'a\nb\uFFFDc', invalidAt: 3 }]);
  });
});

describe('Windows-1252 beyond Latin-1', () => {
  it('reads smart quotes, dashes and the euro sign (0x80–0x9F) as Windows-1252 has them', async () => {
    // "Site,Note\r\nWard’s “A”,€5 – 6\r\n" in Windows-1252.
    const bytes = Buffer.concat([Buffer.from('Site,Note\r\nWard'), Buffer.from([0x92]), Buffer.from('s '), Buffer.from([0x93]), Buffer.from('A'), Buffer.from([0x94]), Buffer.from(','), Buffer.from([0x80]), Buffer.from('5 '), Buffer.from([0x96]), Buffer.from(' 6\r\n')]);
    const csv = await readCsvBytes(bytes);
    expect(csv.encoding).toBe('windows-1252');
    const rows = await allRows(csv);
    expect(rows[0]!.cells).toEqual(['Ward’s “A”', '€5 – 6']);
  });
});
