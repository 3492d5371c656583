import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '@bangqi/shared';
import { EXPORT_HEADERS, excelTime, sheetRows } from './sheet.ts';

const base: EnterpriseRow = {
  id: 'ent-1', name: '华盛机械有限公司', uscc: '91371302MA3C4L5Q0X', town: '城关街道', industry: '高端装备制造', tags: ['规上', '专精特新'],
  note: '', createdAt: Date.UTC(2026, 0, 2), updatedAt: Date.UTC(2026, 1, 3), updatedBy: 'u1', teamId: 't1', responsibleId: 'u1', assignedAt: 0,
  formerNames: ['华盛机械厂'], legalRep: '王华', address: '滨河路 1 号', park: '', scale: '规上', employees: 120, lat: 35.05, lng: 118.3,
  licences: [{ type: '排污许可证', number: 'PW-1', expiresOn: '2027-01-01' }], contactsCount: 2, lastVisitAt: 0, visits: [], plans: [], policies: {}, establishedOn: '2012-03-15',
};
const names = { userName: (id: string) => (id === 'u1' ? '张伟' : id), teamName: (id: string) => (id === 't1' ? '装备服务队' : id) };
const col = (header: string) => EXPORT_HEADERS.indexOf(header);

describe('sheetRows', () => {
  it('writes every field with names resolved, numbers as numbers, empty as null', () => {
    const [header, line] = sheetRows([base], names);
    expect(header).toBe(EXPORT_HEADERS);
    expect(line![col('企业名称')]).toBe('华盛机械有限公司');
    expect(line![col('责任人')]).toBe('张伟');
    expect(line![col('服务队')]).toBe('装备服务队');
    expect(line![col('从业人数')]).toBe(120);
    expect(line![col('成立日期')]).toBe('2012-03-15');
    expect(line![col('纬度')]).toBe(35.05);
    expect(line![col('园区')]).toBeNull();
    expect(line![col('最近走访')]).toBeNull();
    expect(line![col('建档时间')]).toEqual(excelTime(Date.UTC(2026, 0, 2)));
    // 2026-01-02 00:00 UTC is 08:00 in Beijing (offset -480): the cell's UTC fields read 08:00
    expect(excelTime(Date.UTC(2026, 0, 2), -480).toISOString()).toBe('2026-01-02T08:00:00.000Z');
    expect(line![col('标签')]).toBe('规上、专精特新');
    expect(line![col('许可证')]).toBe('排污许可证 PW-1（至 2027-01-01）');
    expect(line![col('曾用名')]).toBe('华盛机械厂');
    expect(line![col('修改人')]).toBe('张伟');
    expect(line![col('分配时间')]).toBeNull();
  });

  it('neutralises every string cell that could run as a formula', () => {
    const evil = { ...base, name: '=HYPERLINK("http://evil.example","点我")', legalRep: '+86', address: '-1+2', note: '@SUM(A1)', formerNames: ['=1+1'] };
    const line = sheetRows([evil], { userName: () => '=cmd', teamName: () => '@x' })[1]!;
    const strings = line.filter((c): c is string => typeof c === 'string');
    expect(strings.filter((s) => /^[=+\-@]/.test(s))).toEqual([]);
    expect(line[col('企业名称')]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(line[col('责任人')]).toBe(`'=cmd`);
    expect(line[col('服务队')]).toBe(`'@x`);
  });
});
