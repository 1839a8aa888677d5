import { describe, expect, it } from 'vitest';
import { dateWave } from '../../src/travel/waves.js';
import { userError } from '../helpers.js';

describe('travel: which financial year a survey wave describes', () => {
  it.each([
    ['2024 autumn', '2024/25', '2024-10-15', 'label_season'],
    ['Spring 2025', '2025/26', '2025-04-15', 'label_season'], // spring is dated to April, its middle month,
    ['Staff travel survey 2023/24', '2023/24', '2023-10-01', 'label_financial_year'],
    ['March 2024', '2023/24', '2024-03-15', 'label_month'],
    ['2024', '2024/25', '2024-07-01', 'label_year'],
  ])('%s → %s', (label, fy, date, datedBy) => {
    expect(dateWave(label, [])).toMatchObject({ financialYear: fy, date, datedBy, winter: false });
  });

  it('reads winter as January of the year named, and flags it', () => {
    expect(dateWave('winter 2024', [])).toMatchObject({ financialYear: '2023/24', date: '2024-01-15', winter: true });
  });

  it('uses the imports\' dates when the label has no month or season, and the caller\'s year above all', () => {
    expect(dateWave('2024 pulse', ['2025-02-03'])).toMatchObject({ financialYear: '2024/25', datedBy: 'batch_period' });
    expect(dateWave('pilot', [])).toBeUndefined();
    expect(dateWave('pilot', [], '2022/23')).toMatchObject({ financialYear: '2022/23', datedBy: 'override' });
    expect(dateWave('2024 autumn', [], '2025-05-01')).toMatchObject({ financialYear: '2025/26', datedBy: 'override' });
    expect(userError(() => dateWave('pilot', [], 'soon')).code).toBe('bad_wave_year');
  });
});
