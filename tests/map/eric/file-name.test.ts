import { describe, expect, it } from 'vitest';
import { ericFileName } from '../../../src/map/eric/index.js';

describe('ericFileName', () => {
  it('reads the year and level of every published name', () => {
    const cases: [string, { year?: string; level?: 'site' | 'trust' }][] = [
      ['ERIC - 202223 - Site data.csv', { year: '2022/23', level: 'site' }],
      ['ERIC - 202122 - Site Data v3.csv', { year: '2021/22', level: 'site' }],
      ['ERIC - 202021 - Site data v2.csv', { year: '2020/21', level: 'site' }],
      ['ERIC - 201920 - SiteData - v2.csv', { year: '2019/20', level: 'site' }],
      ['ERIC - 201819 - SiteData v4.csv', { year: '2018/19', level: 'site' }],
      ['ERIC-201718-SiteData.csv', { year: '2017/18', level: 'site' }],
      ['ERIC-201617-revalidation-Site Data-version2.csv', { year: '2016/17', level: 'site' }],
      ['est-ret-info-col-2015-2016-site-data.csv', { year: '2015/16', level: 'site' }],
      ['est-ret-info-col-2014-2015-dat.csv', { year: '2014/15' }],
      ['ERIC - 202223 - Trust data.csv', { year: '2022/23', level: 'trust' }],
      ['ERIC - 201920 - TrustData.csv', { year: '2019/20', level: 'trust' }],
      ['ERIC-201718-TrustData.csv', { year: '2017/18', level: 'trust' }],
      ['est-ret-info-col-2015-2016-trust-data.csv', { year: '2015/16', level: 'trust' }],
      ['est-ret-info-col-2014-2015-tru-lev-dat-v2.csv', { year: '2014/15', level: 'trust' }],
      ['ERIC-200910-Data.xls', { year: '2009/10' }],
    ];
    for (const [name, expected] of cases) expect(ericFileName(name), name).toEqual(expected);
  });

  it('reads the forms copies and other readers use', () => {
    const cases: [string, { year?: string; level?: 'site' | 'trust' }][] = [
      ['eric-2019-20-site.csv', { year: '2019/20', level: 'site' }],
      ['ERIC_2019_20.csv', { year: '2019/20' }],
      ['ERIC 2022_23 Site data.csv', { year: '2022/23', level: 'site' }],
      ['eric_2019_2020_trust.csv', { year: '2019/20', level: 'trust' }],
      ['ERIC-1999-00.csv', { year: '1999/00' }],
      ['downloads/2023/ERIC - 202324 - Site data.csv', { year: '2023/24', level: 'site' }],
      ['C:\\data\\ERIC - 202324 - Trust data.csv', { year: '2023/24', level: 'trust' }],
      ['ERIC_Site.csv', { level: 'site' }],
      ['ERIC_TRUST.csv', { level: 'trust' }],
      ['eric-2023-24-site.csv', { year: '2023/24', level: 'site' }],
      ['eric-2015-16-trust-part2.csv', { year: '2015/16', level: 'trust' }],
    ];
    for (const [name, expected] of cases) expect(ericFileName(name), name).toEqual(expected);
  });

  it('says nothing when the name states no year, or more than one, or a pair that is not consecutive', () => {
    const cases: [string, { year?: string; level?: 'site' | 'trust' }][] = [
      ['ERIC-2016-18.csv', {}],
      ['HospitalEstatesAndFacilitiesStatistics_12624.csv', {}],
      ['ERIC 2023.csv', {}],
      ['eric-2019-20-and-2020-21-site.csv', { level: 'site' }],
      ['ERIC-2023-10-05-download.csv', {}],
      ['ERIC-20232024x.csv', { year: '2023/24' }],
      ['ERIC-120232024.csv', {}],
      ['ERIC site and trust 2019-20.csv', { year: '2019/20' }],
      ['', {}],
    ];
    for (const [name, expected] of cases) expect(ericFileName(name), name).toEqual(expected);
  });
});
