import { describe, expect, it } from 'vitest';
import { Reason, checkUscc } from '@bangqi/shared';
import { reasonText, usccProblemText } from './strings.ts';

describe('strings', () => {
  it('explains USCC problems in Chinese', () => {
    expect(usccProblemText(checkUscc('91371302MA3C4L5Q0')!)).toBe('长度应为18位（当前17位）');
    expect(usccProblemText(checkUscc('91371302MA3C4L5QIX')!)).toBe('第17位字符I不合法');
    expect(usccProblemText({ code: 'uscc.check', expected: '7' })).toBe('校验位应为7');
  });
  it('has a Chinese message for every reason code', () => {
    for (const code of Object.values(Reason)) expect(reasonText(code)).not.toMatch(/同步错误/);
    expect(reasonText('nope')).toBe('同步错误（nope）');
  });
});
