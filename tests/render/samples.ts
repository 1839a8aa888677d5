/** Small hand-made inputs for every chart kind, shared by the render tests. */

import type { CoverageGridInput } from '../../src/render/chart/kinds/coverage-grid.js';
import type { IndexedLinesInput } from '../../src/render/chart/kinds/indexed-lines.js';
import type { ModeShareInput } from '../../src/render/chart/kinds/mode-share.js';
import type { MonthsCompareInput } from '../../src/render/chart/kinds/months-compare.js';
import type { StackedByYearInput } from '../../src/render/chart/kinds/stacked-by-year.js';
import type { TopSitesInput } from '../../src/render/chart/kinds/top-sites.js';
import type { TrajectoryInput } from '../../src/render/chart/kinds/trajectory.js';

export const trajectorySample: TrajectoryInput = {
  title: 'Emissions against the net zero pathway',
  actual: [
    { fyStart: 2019, tco2e: 12_400 },
    { fyStart: 2020, tco2e: 11_050.5 },
    { fyStart: 2021, tco2e: 10_980 },
    { fyStart: 2022, tco2e: 10_120.25 },
  ],
  pathways: [{ name: 'Net zero pathway', points: [{ fyStart: 2019, tco2e: 12_400 }, { fyStart: 2030, tco2e: 2_480 }, { fyStart: 2040, tco2e: 0 }] }],
  milestones: [{ fyStart: 2030, tco2e: 2_480, label: '−80%' }],
};

export const stackedSample: StackedByYearInput = {
  title: 'Emissions by source',
  rows: [
    { fyStart: 2022, category: 'gas', tco2e: 4_000 },
    { fyStart: 2022, category: 'electricity', tco2e: 3_000 },
    { fyStart: 2022, category: 'fleet', tco2e: 500 },
    { fyStart: 2023, category: 'gas', tco2e: 3_600 },
    { fyStart: 2023, category: 'electricity', tco2e: 2_500.5 },
  ],
};

export const monthsSample: MonthsCompareInput = {
  title: 'Electricity by month',
  unit: 'MWh',
  previous: { label: '2023/24', months: [{ month: 4, quantity: 410 }, { month: 5, quantity: 395 }, { month: 1, quantity: 460 }] },
  current: { label: '2024/25', months: [{ month: 4, quantity: 398 }, { month: 5, quantity: 380.4 }] },
};

export const topSitesSample: TopSitesInput = {
  title: 'Largest sites',
  rows: [
    { name: 'General Hospital', tco2e: 6_200 },
    { name: 'Community Clinic', tco2e: 310.25 },
    { name: 'Ambulance Station', tco2e: 95 },
    { name: 'Depot', tco2e: 8.5 },
  ],
  limit: 3,
};

export const coverageSample: CoverageGridInput = {
  title: 'Data coverage',
  rows: [
    { month: '2024-12', source: 'electricity', status: 'covered' },
    { month: '2025-01', source: 'electricity', status: 'estimated' },
    { month: '2025-02', source: 'electricity', status: 'covered' },
    { month: '2024-12', source: 'gas', status: 'missing' },
    { month: '2025-01', source: 'gas', status: 'covered' },
    { month: '2025-02', source: 'gas', status: 'covered' },
  ],
};

export const modeShareSample: ModeShareInput = {
  title: 'How staff travel to work',
  rows: [
    { group: 'General Hospital', mode: 'bus', journeys: 30 },
    { group: 'General Hospital', mode: 'car alone', journeys: 60 },
    { group: 'General Hospital', mode: 'cycle', journeys: 10 },
    { group: 'Community Clinic', mode: 'car alone', journeys: 15 },
    { group: 'Community Clinic', mode: 'walk', journeys: 5 },
  ],
};

export const indexedSample: IndexedLinesInput = {
  title: 'Emissions indexed to each baseline',
  series: [
    { name: 'Acute Trust', baselineFyStart: 2019, points: [{ fyStart: 2019, tco2e: 20_000 }, { fyStart: 2021, tco2e: 17_000 }, { fyStart: 2023, tco2e: 15_000 }] },
    { name: 'Borough Council', baselineFyStart: 2020, points: [{ fyStart: 2020, tco2e: 4_000 }, { fyStart: 2023, tco2e: 3_000 }] },
    { name: 'Ambulance Service', baselineFyStart: 2018, points: [{ fyStart: 2019, tco2e: 1_000 }] },
  ],
};
