import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { materializeEnterprise } from '../domain/enterprise.ts';
import { checkUscc } from '../domain/uscc.ts';
import { demoEnterpriseUpdate, generateDemoEnterprises } from './generator.ts';

describe('demo district generator', () => {
  it('is deterministic and realistic', () => {
    const a = generateDemoEnterprises(300);
    const b = generateDemoEnterprises(300);
    expect(a).toEqual(b);
    expect(new Set(a.map((e) => e.name)).size).toBe(300);
    expect(new Set(a.map((e) => e.id)).size).toBe(300);
    for (const e of a) {
      expect(checkUscc(e.uscc)).toBeNull();
      expect(e.name).toMatch(/公司$/);
      expect(e.tags.length).toBeGreaterThan(0);
    }
    expect(new Set(a.map((e) => e.town)).size).toBeGreaterThan(8);
  });

  it('builds identical updates that materialize to the generated values', () => {
    const [e] = generateDemoEnterprises(1);
    const u1 = demoEnterpriseUpdate(e!, 0);
    expect(demoEnterpriseUpdate(e!, 0)).toEqual(u1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, u1);
    const row = materializeEnterprise(e!.id, doc);
    expect(row).toMatchObject({ name: e!.name, uscc: e!.uscc, town: e!.town, industry: e!.industry });
    expect(row.tags).toEqual([...e!.tags].sort());
  });
});
