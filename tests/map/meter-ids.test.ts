import { describe, expect, it } from 'vitest';
import { dateParserFor } from '../../src/import/open.js';
import type { CellContext } from '../../src/map/cells.js';
import { intervalMapper } from '../../src/map/interval.js';
import { isMangledId, MangledIds } from '../../src/map/meter-ids.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { msg } from '../../src/messages.js';

const ctx: CellContext = { file: 'f.csv', delimiter: ',', header: ['MPAN', 'kWh'], decimal: '.', parseDate: () => ({ ok: true, value: null }) };

describe('isMangledId: an id a spreadsheet saved as a number in exponent form', () => {
  it.each(['1.2E+12', '1.20001E+12', '1.2e+12', '1E+12', '1,2E+12', '9.99999E+20'])('%s', (id) => {
    expect(isMangledId(id)).toBe(true);
  });
  it.each(['1200001234567', '7123456702', 'E10BG12345', '12E34', 'K04A12345', '1.2', 'S01 801 100 1200001234567', ''])('not %s', (id) => {
    expect(isMangledId(id)).toBe(false);
  });
});

describe('MangledIds: one warning per damaged id, with the rows that carry it', () => {
  it('counts every row when told of every row', () => {
    const ids = new MangledIds(ctx, 0);
    const rows = ['1.2E+12', '1.2E+12', '1200001234567', '1.2E+12', '1.20001E+12', '1.20001E+12'];
    rows.forEach((id, i) => {
      ids.note(i, i + 2, id);
    });
    expect(ids.warnings(rows.length)).toEqual([
      { file: 'f.csv', line: 2, column: 'MPAN', value: '1.2E+12', code: 'meter_id_mangled', message: msg.idMangled('MPAN', '1.2E+12', 'meter', 3, 2) },
      { file: 'f.csv', line: 6, column: 'MPAN', value: '1.20001E+12', code: 'meter_id_mangled', message: msg.idMangled('MPAN', '1.20001E+12', 'meter', 2, 6) },
    ]);
  });

  it('counts the same when told only where the id changes', () => {
    const ids = new MangledIds(ctx, 0);
    ids.note(0, 2, '1.2E+12'); // rows 0–9
    ids.note(10, 12, 'M1'); // rows 10–14
    ids.note(15, 17, '1.2E+12'); // rows 15–19, to the end
    expect(ids.warnings(20).map((w) => [w.value, w.line, w.message])).toEqual([['1.2E+12', 2, msg.idMangled('MPAN', '1.2E+12', 'meter', 15, 2)]]);
    // Asked again, the same answer.
    expect(ids.warnings(20).map((w) => w.message)).toEqual([msg.idMangled('MPAN', '1.2E+12', 'meter', 15, 2)]);
  });

  it('says nothing for a file of whole ids', () => {
    const ids = new MangledIds(ctx, 0);
    ids.note(0, 2, '1200001234567');
    expect(ids.warnings(1)).toEqual([]);
  });

  it('names the line, the column and the value, and what to do', () => {
    expect(msg.idMangled('MPAN', '1.2E+12', 'meter', 1, 7)).toMatch(/^MPAN "1\.2E\+12" has lost digits: .* \(line 7\)\. Export the file again as CSV and import it without opening it in Excel, or open it with the MPAN column formatted as Text\.$/);
    expect(msg.idMangled('MPAN', '1.2E+12', 'meter', 3, 7)).toContain('(3 rows from line 7)');
  });
});

describe('the interval reader tells MangledIds only when the meter changes', () => {
  it('counts rows read as text and as cells alike', () => {
    const profile = loadBuiltinProfiles().find((p) => p.id === 'interval');
    if (profile?.shape !== 'interval') throw new Error('no interval profile');
    const header = ['MPAN', 'Timestamp', 'kWh'];
    const mapper = intervalMapper(profile, { file: 'i.csv', delimiter: ',', header, decimal: '.', parseDate: dateParserFor(profile.dateFormat) }, () => undefined, () => undefined);
    const rows = (meter: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${meter},01/06/2024 ${String(Math.floor((from + i) / 2)).padStart(2, '0')}:${(from + i) % 2 ? '30' : '00'},1`);
    const none = () => undefined;
    expect(mapper.mapText(rows('1.2E+12', 0, 5).join('\n'), 2, none)).toBe(5); // lines 2–6
    mapper.map(7, ['M1', '01/06/2024 02:30', '1']); // a quoted row, another meter
    expect(mapper.mapText(rows('1.2E+12', 6, 3).join('\n'), 8, none)).toBe(3); // lines 8–10: the scanner's last meter again
    mapper.map(11, ['1.2E+12', '01/06/2024 04:30', '1']);
    expect(mapper.warnings().map((w) => [w.line, w.message])).toEqual([[2, msg.idMangled('MPAN', '1.2E+12', 'meter', 9, 2)]]);
  });
});
