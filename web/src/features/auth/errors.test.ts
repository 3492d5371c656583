import { describe, expect, it } from 'vitest';
import { Reason } from '@bangqi/shared';
import { ApiError } from '../../state/api.ts';
import { loginErrorText } from './errors.ts';

describe('login error messages', () => {
  it('says what to do in Chinese for each failure', () => {
    expect(loginErrorText(new ApiError(401, Reason.BadCredentials, ''), false)).toBe('用户名或密码错误');
    expect(loginErrorText(new ApiError(403, Reason.AccountDisabled, ''), false)).toBe('账号已停用，请联系管理员');
    // the wait is given in whole minutes, rounded up
    expect(loginErrorText(new ApiError(429, Reason.RateLimited, '', 61), false)).toBe('尝试次数过多，请 2 分钟后再试');
    expect(loginErrorText(new ApiError(429, Reason.RateLimited, '', 900), false)).toBe('尝试次数过多，请 15 分钟后再试');
    expect(loginErrorText(new ApiError(0, Reason.ServerError, '网络不可用'), false)).toBe('首次登录需要联网，请连接网络后再试');
    expect(loginErrorText(new ApiError(0, Reason.ServerError, '网络不可用'), true)).toBe('登录需要联网，请连接网络后再试');
    expect(loginErrorText(new ApiError(502, Reason.ServerError, ''), false)).toBe('登录失败（服务器暂时无法处理），请稍后再试');
    expect(loginErrorText(new Error('boom'), false)).toBe('登录失败（服务器暂时无法处理），请稍后再试');
  });
});
