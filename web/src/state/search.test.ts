import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildSearchKeys } from '@bangqi/shared/search/keys';
import type { DirectoryEntity, EnterpriseRow } from '@bangqi/shared';
import { AppDb, type DirectoryRecord } from '../storage/db.ts';
import { parseEnterpriseRow as parseRow } from '../sync/rows.ts';
import { DirectorySearch, FileSearch } from './search.ts';

const file = (id: string, name: string, uscc = ''): EnterpriseRow => parseRow(id, JSON.stringify({ name, uscc }))!;

const record = (uscc: string, name: string): DirectoryRecord => ({
  ...({ uscc, name, formerNames: [], legalRep: '', address: '', establishedOn: '', registeredCapital: '', industry: '', town: '', status: '', version: 1, updatedAt: 1 } satisfies DirectoryEntity),
  keys: buildSearchKeys(name),
});

describe('FileSearch', () => {
  it('finds files by 汉字 at once and by pinyin and initials once their keys are in, ranked', async () => {
    let changed = 0;
    const files = new FileSearch(async (names) => names.map(buildSearchKeys), () => changed++);
    files.setRows([file('a', '临沂华盛精密机械有限公司'), file('b', '专精特新示范企业'), file('c', '华盛商贸')]);
    expect(files.search('华盛').rows.map((r) => r.id)).toEqual(['c', 'a']);
    expect(files.search('zjtx').rows).toEqual([]);
    await expect.poll(() => changed).toBe(1);
    expect(files.search('zjtx').rows.map((r) => r.id)).toEqual(['b']);
    expect(files.search('huasheng').rows.map((r) => r.id)).toEqual(['c', 'a']);
    expect(files.search('huasheng', 1)).toMatchObject({ rows: [{ id: 'c' }], total: 2 });
    files.setRows([file('d', '沂蒙晟昊新材料', '91371300000777784P')]);
    await expect.poll(() => changed).toBe(2);
    expect(files.search('ymsh').rows.map((r) => r.id)).toEqual(['d']);
    expect(files.search('huasheng').rows).toEqual([]);
    expect(files.fileByUscc('91371300000777784P')?.id).toBe('d');
  });
});

describe('DirectorySearch', () => {
  it('indexes the local table in slices, then each batch a pull writes', async () => {
    const db = new AppDb('search-directory');
    await db.directory.bulkPut(Array.from({ length: 4_500 }, (_, i) => record(`U${String(i).padStart(5, '0')}`, `鲁信${i}号商贸有限公司`)));
    await db.directory.put(record('U99999', '费县翟氏精密仪器有限公司'));
    const directory = new DirectorySearch(db);
    const progress: number[] = [];
    await directory.load((done) => progress.push(done));
    expect(progress).toEqual([2_000, 4_000, 4_501]);
    let found = await directory.search('zsjm', 10);
    expect(found.entities.map((e) => e.uscc)).toEqual(['U99999']);
    expect(found.hits[0]!.kind).toBe('initials');
    expect((await directory.search('鲁信', 5)).total).toBe(4_500);
    const added = record('U88888', '沂蒙晟昊新材料科技有限公司');
    await db.directory.put(added);
    directory.add([added]);
    found = await directory.search('yimeng', 10);
    expect(found.entities.map((e) => e.name)).toEqual(['沂蒙晟昊新材料科技有限公司']);
    found = await directory.search('u8888', 10);
    expect(found.entities.map((e) => e.uscc)).toEqual(['U88888']);
    expect(found.hits[0]!.kind).toBe('uscc');
    db.close();
  });
});
