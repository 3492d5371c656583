/** A scripted stand-in for the relay's end of a WebSocket, for engine tests. */
import { decodeFrame, encodeFrame, type DocFrame, type ServerControl } from '@bangqi/shared';
import type { SocketLike } from '../sync/types.ts';

export class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  readonly sentText: string[] = [];
  readonly sentFrames: DocFrame[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closedWith: number | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string | Uint8Array): void {
    if (typeof data === 'string') this.sentText.push(data);
    else this.sentFrames.push(decodeFrame(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  // ── relay side ──
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  control(msg: ServerControl): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  frame(frame: DocFrame): void {
    const bytes = encodeFrame(frame);
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  pushes(): Extract<DocFrame, { type: 'push' }>[] {
    return this.sentFrames.filter((f): f is Extract<DocFrame, { type: 'push' }> => f.type === 'push');
  }
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
