import { describe, expect, it } from 'vitest';
import { hasContent, readPlanDraft, type PlanDraft } from './planDraft.ts';

const draft: PlanDraft = { enterpriseId: 'ent-1', type: '执法检查', plannedOn: '2026-12-06', purpose: '检查', department: '应急局', lateReason: '举报', assignees: ['u-a'] };

describe('plan dialog draft', () => {
  it('reads back what was stored', () => {
    expect(readPlanDraft(JSON.stringify(draft))).toEqual(draft);
  });

  it('ignores what it cannot read, and repairs wrong values', () => {
    expect(readPlanDraft(null)).toBeNull();
    expect(readPlanDraft('{not json')).toBeNull();
    expect(readPlanDraft(JSON.stringify({ type: '喝茶', assignees: ['u-a', 3], purpose: 7 }))).toEqual({
      enterpriseId: '', type: '日常走访', plannedOn: '', purpose: '', department: '', lateReason: '', assignees: ['u-a'],
    });
  });

  it('is worth keeping only with something chosen or typed', () => {
    const empty = { ...draft, plannedOn: '', purpose: ' ', department: '', lateReason: '' };
    expect(hasContent(empty, true)).toBe(false);
    expect(hasContent(empty, false)).toBe(true); // the enterprise was picked
    expect(hasContent({ ...empty, enterpriseId: '' }, false)).toBe(false);
    expect(hasContent({ ...empty, lateReason: '举报' }, true)).toBe(true);
  });
});
