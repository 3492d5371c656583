import { describe, expect, it } from 'vitest';
import { FrameError, decodeFrame, encodeFrame, parseHello, type DocFrame } from './frames.ts';

const frames: DocFrame[] = [
  { type: 'sync', docId: 'ent-a1', message: new Uint8Array([0, 1, 0]) },
  { type: 'awareness', docId: 'ent-a1', update: new Uint8Array([1, 2, 3]) },
  { type: 'push', docId: 'ent-a1', ref: 42, update: new Uint8Array([9, 9]) },
  { type: 'ack', docId: 'ent-a1', ref: 42, seq: 1_000_000 },
  { type: 'feed', docId: 'ent-demo0001', seq: 7, update: new Uint8Array([5]), row: '{"name":"华盛"}' },
  { type: 'refuse', docId: 'ent-a1', ref: 3, reason: 'forbidden' },
  { type: 'close', docId: 'ent-a1' },
  { type: 'revoke', docId: 'ent-a1', reason: 'access-revoked' },
];

describe('/sync frames', () => {
  it.each(frames)('round-trips $type', (frame) => {
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame);
  });

  it('rejects garbage, truncation, bad ids and trailing bytes with FrameError', () => {
    const push = encodeFrame(frames[2]!);
    expect(() => decodeFrame(push.slice(0, push.length - 1))).toThrow(FrameError);
    expect(() => decodeFrame(new Uint8Array([...push, 0]))).toThrow(FrameError);
    expect(() => decodeFrame(new Uint8Array([99, 1, 65]))).toThrow(FrameError);
    expect(() => decodeFrame(encodeFrame({ type: 'close', docId: '../etc/passwd' }))).toThrow(FrameError);
    expect(() => decodeFrame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(FrameError);
    expect(() => decodeFrame(new Uint8Array())).toThrow(FrameError);
  });

  it('validates hello', () => {
    expect(parseHello('{"t":"hello","v":1,"lastSeq":3,"epoch":"e","deviceId":"d"}').lastSeq).toBe(3);
    expect(() => parseHello('{"t":"hello","v":1,"lastSeq":-1,"epoch":"","deviceId":"d"}')).toThrow(FrameError);
    expect(() => parseHello('{"t":"welcome"}')).toThrow(FrameError);
    expect(() => parseHello('not json')).toThrow(FrameError);
  });
});
